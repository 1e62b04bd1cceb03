package org.jcwmp.acs.stun;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A CPE's binding as the STUN server knows it.
 *
 * @param stunUsername  the device's STUNUsername
 * @param publicAddress where its Binding Requests with CONNECTION-REQUEST-BINDING came from
 * @param since         when this address was first seen for the device
 * @param lastSeen      the last Binding Request from it (keep-alives refresh it)
 * @param authenticated the requests carried a valid MESSAGE-INTEGRITY
 */
public record StunBinding(String stunUsername, InetSocketAddress publicAddress, Instant since, Instant lastSeen,
                          boolean authenticated) {
}
