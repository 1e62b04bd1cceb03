package org.jcwmp.core.datamodel;

/**
 * What a data model allows for a parameter's Notification attribute (TR-106 activeNotify). The CPE answers a
 * SetParameterAttributes the schema forbids with fault 9009.
 */
public enum ActiveNotify {
    /** Any of 0 off, 1 passive, 2 active. */
    NORMAL("normal"),
    /** Active notification may be refused: the value changes too often (counters, UpTime). jcwmp refuses it. */
    CAN_DENY("canDeny"),
    /** Always active; the ACS cannot turn it down. */
    FORCE_ENABLED("forceEnabled"),
    /** Active until the ACS says otherwise. */
    FORCE_DEFAULT_ENABLED("forceDefaultEnabled");

    public static final int OFF = 0;
    public static final int PASSIVE = 1;
    public static final int ACTIVE = 2;

    private final String xmlName;

    ActiveNotify(String xmlName) {
        this.xmlName = xmlName;
    }

    /** As the BBF XML spells it, e.g. "canDeny". */
    public String xmlName() {
        return xmlName;
    }

    public static ActiveNotify ofXmlName(String name) {
        if (name == null || name.isEmpty()) {
            return NORMAL;
        }
        for (ActiveNotify a : values()) {
            if (a.xmlName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activeNotify " + name);
    }

    /** The Notification a parameter has before any SetParameterAttributes. */
    public int defaultNotification() {
        return this == FORCE_ENABLED || this == FORCE_DEFAULT_ENABLED ? ACTIVE : OFF;
    }

    /** Whether the ACS may set Notification to this value (0, 1 or 2). */
    public boolean allows(int notification) {
        if (notification < OFF || notification > ACTIVE) {
            return false;
        }
        return switch (this) {
            case NORMAL, FORCE_DEFAULT_ENABLED -> true;
            case CAN_DENY -> notification != ACTIVE;
            case FORCE_ENABLED -> notification == ACTIVE;
        };
    }
}
