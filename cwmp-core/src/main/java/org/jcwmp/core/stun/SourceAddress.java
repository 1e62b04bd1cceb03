package org.jcwmp.core.stun;

import java.net.InetSocketAddress;

/** The address the server sent the response from. */
public record SourceAddress(InetSocketAddress address) implements AddressAttribute {
    public SourceAddress {
        AddressAttribute.check(address);
    }

    @Override
    public int type() {
        return SOURCE_ADDRESS;
    }
}
