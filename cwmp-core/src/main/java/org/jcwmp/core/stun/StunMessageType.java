package org.jcwmp.core.stun;

/** The message types of classic STUN (RFC 3489 11.1). TR-111 uses only the Binding ones. */
public enum StunMessageType {
    BINDING_REQUEST(0x0001),
    BINDING_RESPONSE(0x0101),
    BINDING_ERROR_RESPONSE(0x0111),
    SHARED_SECRET_REQUEST(0x0002),
    SHARED_SECRET_RESPONSE(0x0102),
    SHARED_SECRET_ERROR_RESPONSE(0x0112);

    private final int code;

    StunMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isRequest() {
        return this == BINDING_REQUEST || this == SHARED_SECRET_REQUEST;
    }

    /** The type with this code, or null. */
    public static StunMessageType of(int code) {
        for (StunMessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
