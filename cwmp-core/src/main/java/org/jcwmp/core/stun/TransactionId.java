package org.jcwmp.core.stun;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 128-bit transaction id of classic STUN (RFC 3489 11.1): it ties a response to its request. Classic STUN has
 * no magic cookie, so all 16 bytes are the id.
 */
public record TransactionId(byte[] bytes) {
    public static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public TransactionId {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a transaction id has 16 bytes");
        }
        bytes = bytes.clone();
    }

    /** Cryptographically random, as RFC 3489 asks, so that an off-path sender cannot guess it. */
    public static TransactionId random() {
        byte[] b = new byte[LENGTH];
        RANDOM.nextBytes(b);
        return new TransactionId(b);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] internalBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
