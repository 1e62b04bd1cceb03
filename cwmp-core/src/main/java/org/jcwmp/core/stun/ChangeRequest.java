package org.jcwmp.core.stun;

/** Asks the server to answer from its other IP and/or port (RFC 3489 11.2.4), for NAT type tests. */
public record ChangeRequest(boolean changeIp, boolean changePort) implements StunAttribute {
    static final int CHANGE_IP = 0x04;
    static final int CHANGE_PORT = 0x02;

    /** Neither changed: a plain binding request. */
    public boolean changesNothing() {
        return !changeIp && !changePort;
    }

    @Override
    public int type() {
        return CHANGE_REQUEST;
    }
}
