package org.jcwmp.acs.stun;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.jcwmp.core.udpcr.UdpConnectionRequest;

/**
 * A UDP connection request on its way: UDP has no answer, so this is all there is to know until the CPE's Inform
 * with 6 CONNECTION REQUEST arrives.
 *
 * @param target  where it went (the CPE's UDPConnectionRequestAddress or learned binding)
 * @param request the signed message; {@code request.id()} and {@code request.ts()} identify it
 * @param sentAt  when the first copy left
 * @param copies  how many copies go out in all (the first at once, the others after small gaps)
 */
public record UdpConnectionRequestSent(InetSocketAddress target, UdpConnectionRequest request, Instant sentAt,
                                       int copies) {
}
