package org.jcwmp.acs.stun;

import java.net.InetSocketAddress;

/**
 * Told when the STUN server learns a CPE's UDP connection request binding (TR-111 part 2): the first time since the
 * server started, whenever the public address moves, and whenever the CPE sends BINDING-CHANGE. Keep-alives that
 * change nothing are not reported (they only refresh {@link StunBinding#lastSeen()}), so a store behind this sees
 * one write per change, not one per keep-alive.
 *
 * <p>Called on the server's receive thread before the Binding Response goes out: keep it short (a store write is
 * fine, it happens only on changes) or hand the work off.
 */
@FunctionalInterface
public interface BindingListener {
    /**
     * @param stunUsername  the device's STUNUsername (USERNAME of the Binding Request)
     * @param publicAddress the request's source address: where UDP connection requests reach the CPE
     * @param changed       the address differs from the one this server knew, or the CPE said BINDING-CHANGE
     */
    void bindingLearned(String stunUsername, InetSocketAddress publicAddress, boolean changed);
}
