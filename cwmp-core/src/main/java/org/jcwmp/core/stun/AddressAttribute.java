package org.jcwmp.core.stun;

import java.net.InetSocketAddress;

/** The attributes that carry an address and port (RFC 3489 11.2.1 layout). */
public sealed interface AddressAttribute extends StunAttribute
        permits MappedAddress, ResponseAddress, SourceAddress, ChangedAddress, ReflectedFrom {

    InetSocketAddress address();

    /** Refuses what cannot go on the wire: a missing or unresolved address. */
    static InetSocketAddress check(InetSocketAddress address) {
        if (address == null || address.getAddress() == null) {
            throw new IllegalArgumentException("an address attribute needs a resolved address, not " + address);
        }
        return address;
    }
}
