package org.jcwmp.core.udpcr;

/** A datagram that is not a UDP connection request (TR-069 Annex G); the CPE drops it without an answer. */
public final class UdpConnectionRequestException extends Exception {
    public UdpConnectionRequestException(String message) {
        super(message);
    }
}
