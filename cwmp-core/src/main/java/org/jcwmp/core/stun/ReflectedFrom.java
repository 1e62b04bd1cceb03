package org.jcwmp.core.stun;

import java.net.InetSocketAddress;

/** The request's source, in a response sent to a RESPONSE-ADDRESS; traces reflection abuse. */
public record ReflectedFrom(InetSocketAddress address) implements AddressAttribute {
    public ReflectedFrom {
        AddressAttribute.check(address);
    }

    @Override
    public int type() {
        return REFLECTED_FROM;
    }
}
