package org.jcwmp.cpe.stun;

/**
 * What the {@link StunClient} reports. Binding news comes from its keep-alive thread, connection requests from its
 * receive thread: keep the calls short.
 */
public interface StunClientListener {

    /**
     * The first binding learned, and every change after it (address, port or NAT detection). The agent puts
     * {@link NatBinding#udpConnectionRequestAddress()} into ManagementServer.UDPConnectionRequestAddress and
     * {@link NatBinding#natDetected()} into ManagementServer.NATDetected.
     */
    void bindingChanged(NatBinding binding);

    /** An authentic, fresh UDP connection request within the rate limit: open a session with 6 CONNECTION REQUEST. */
    void connectionRequest();

    /** A datagram that looked like a connection request and was refused; nothing was answered. */
    default void connectionRequestRefused(String reason) {
    }

    /** A binding round failed (no answer, or an error response); the client tries again next keep-alive. */
    default void stunFailed(String reason) {
    }
}
