package org.jcwmp.core.stun;

import java.net.InetSocketAddress;

/** The server's other address, for CHANGE-REQUEST tests. */
public record ChangedAddress(InetSocketAddress address) implements AddressAttribute {
    public ChangedAddress {
        AddressAttribute.check(address);
    }

    @Override
    public int type() {
        return CHANGED_ADDRESS;
    }
}
