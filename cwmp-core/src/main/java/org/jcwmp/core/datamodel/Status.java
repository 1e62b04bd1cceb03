package org.jcwmp.core.datamodel;

/** Where an object or parameter is in its life in the standard; deleted ones are not imported at all. */
public enum Status {
    CURRENT("current"),
    DEPRECATED("deprecated"),
    OBSOLETED("obsoleted");

    private final String xmlName;

    Status(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    public static Status ofXmlName(String name) {
        if (name == null || name.isEmpty()) {
            return CURRENT;
        }
        for (Status s : values()) {
            if (s.xmlName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status " + name);
    }
}
