package org.jcwmp.core.stun;

/** A datagram that is not a well-formed classic STUN message (RFC 3489); whoever receives it drops it. */
public final class StunException extends Exception {
    public StunException(String message) {
        super(message);
    }
}
