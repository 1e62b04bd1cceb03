package org.jcwmp.core.stun;

import java.util.Objects;

/** PASSWORD (RFC 3489 11.2.7), only in Shared Secret Responses; TR-111 does not use it, but it is not "unknown". */
public record Password(String value) implements StunAttribute {
    public Password {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a STUN password cannot contain NUL");
        }
    }

    @Override
    public int type() {
        return PASSWORD;
    }
}
