package org.jcwmp.core.stun;

import java.net.InetSocketAddress;

/** Where the client wants the response sent instead of back to the source. */
public record ResponseAddress(InetSocketAddress address) implements AddressAttribute {
    public ResponseAddress {
        AddressAttribute.check(address);
    }

    @Override
    public int type() {
        return RESPONSE_ADDRESS;
    }
}
