package org.jcwmp.core.stun;

import java.util.List;

/** UNKNOWN-ATTRIBUTES (RFC 3489 11.2.10): in a 420 error response, the mandatory attributes the server did not know. */
public record UnknownAttributes(List<Integer> types) implements StunAttribute {
    public UnknownAttributes {
        types = List.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("UNKNOWN-ATTRIBUTES lists at least one type");
        }
        for (int t : types) {
            if (t < 0 || t > 0xFFFF) {
                throw new IllegalArgumentException("attribute type " + t);
            }
        }
    }

    @Override
    public int type() {
        return UNKNOWN_ATTRIBUTES;
    }
}
