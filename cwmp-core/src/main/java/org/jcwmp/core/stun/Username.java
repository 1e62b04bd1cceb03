package org.jcwmp.core.stun;

import java.util.Objects;

/**
 * USERNAME (RFC 3489 11.2.6); in TR-111 the CPE's STUNUsername, which names the device to the ACS.
 *
 * <p>Classic STUN has no attribute padding, so the value itself must fill whole 4-byte words: we pad it with NUL
 * bytes when writing and strip trailing NULs when reading (RFC 5389 peers pad outside the value; both read back the
 * same name).
 */
public record Username(String value) implements StunAttribute {
    public Username {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a STUN username cannot contain NUL");
        }
    }

    @Override
    public int type() {
        return USERNAME;
    }
}
