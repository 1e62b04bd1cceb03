package org.jcwmp.core.stun;

import java.net.InetSocketAddress;

/** The source address of the request as the server saw it: the client's public binding. */
public record MappedAddress(InetSocketAddress address) implements AddressAttribute {
    public MappedAddress {
        AddressAttribute.check(address);
    }

    @Override
    public int type() {
        return MAPPED_ADDRESS;
    }
}
