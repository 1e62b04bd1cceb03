package org.jcwmp.cpe.stun;

import java.net.InetSocketAddress;
import org.jcwmp.core.udpcr.UdpConnectionRequestAddress;

/**
 * What the STUN client learned about the CPE's UDP connection request port.
 *
 * @param publicAddress the MAPPED-ADDRESS: where the ACS reaches this port
 * @param localAddress  the socket's own address (0.0.0.0 when bound to every interface)
 * @param natDetected   the mapped address is not this host's own address and port (ManagementServer.NATDetected)
 */
public record NatBinding(InetSocketAddress publicAddress, InetSocketAddress localAddress, boolean natDetected) {

    /** The value for ManagementServer.UDPConnectionRequestAddress: {@code host:port}. */
    public String udpConnectionRequestAddress() {
        return UdpConnectionRequestAddress.format(publicAddress);
    }
}
