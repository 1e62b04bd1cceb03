package org.jcwmp.core.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (RFC 3489 11.2.8): HMAC-SHA1 keyed with the password (in TR-111 the CPE's STUNPassword) over
 * the message up to this attribute, padded with zero bytes to a multiple of 64, with the header's length already
 * counting this attribute's 24 bytes. It is the last attribute of a message.
 */
public record MessageIntegrity(byte[] hmac) implements StunAttribute {
    public static final int HMAC_LENGTH = 20;
    /** Type, length and the HMAC. */
    public static final int ENCODED_LENGTH = 4 + HMAC_LENGTH;

    /** What {@link #check} found. */
    public enum Check { ABSENT, VALID, INVALID }

    public MessageIntegrity {
        if (hmac == null || hmac.length != HMAC_LENGTH) {
            throw new IllegalArgumentException("MESSAGE-INTEGRITY carries 20 bytes");
        }
        hmac = hmac.clone();
    }

    @Override
    public byte[] hmac() {
        return hmac.clone();
    }

    @Override
    public int type() {
        return MESSAGE_INTEGRITY;
    }

    /** HMAC-SHA1 over {@code text[off, off+len)} padded with zeros to a multiple of 64 bytes (RFC 3489). */
    public static byte[] compute(byte[] text, int off, int len, String password) {
        int padded = (len + 63) / 64 * 64;
        Mac mac = hmacSha1(password);
        mac.update(text, off, len);
        mac.update(new byte[padded - len]);
        return mac.doFinal();
    }

    /**
     * Checks the MESSAGE-INTEGRITY of a received datagram against a password.
     *
     * <p>Besides RFC 3489's padded form we accept the unpadded one, which widespread classic stacks (and RFC 5389)
     * compute; both need the password, so this costs nothing in security. When attributes follow
     * MESSAGE-INTEGRITY (an RFC 5389 FINGERPRINT) the header's length is also tried as ending at it.
     *
     * @throws StunException when the datagram is not a well-formed STUN message
     */
    public static Check check(byte[] datagram, int off, int len, String password) throws StunException {
        Objects.requireNonNull(password, "password");
        int at = StunCodec.integrityOffset(datagram, off, len);
        if (at < 0) {
            return Check.ABSENT;
        }
        byte[] received = Arrays.copyOfRange(datagram, off + at + 4, off + at + 4 + HMAC_LENGTH);
        byte[] text = Arrays.copyOfRange(datagram, off, off + at);
        if (matches(received, text, password)) {
            return Check.VALID;
        }
        int lengthEndingAtIntegrity = at + ENCODED_LENGTH - StunCodec.HEADER_LENGTH;
        if (((text[2] & 0xff) << 8 | (text[3] & 0xff)) != lengthEndingAtIntegrity) {
            text[2] = (byte) (lengthEndingAtIntegrity >> 8);
            text[3] = (byte) lengthEndingAtIntegrity;
            if (matches(received, text, password)) {
                return Check.VALID;
            }
        }
        return Check.INVALID;
    }

    private static boolean matches(byte[] received, byte[] text, String password) {
        return MessageDigest.isEqual(received, compute(text, 0, text.length, password))
                || MessageDigest.isEqual(received, hmacSha1(password).doFinal(text));
    }

    static Mac hmacSha1(String password) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        if (key.length == 0) {
            // HMAC pads a short key with zeros, so the empty key equals one zero byte; the JDK refuses empty keys.
            key = new byte[1];
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIntegrity m && Arrays.equals(m.hmac, hmac);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
        return "MessageIntegrity[" + HexFormat.of().formatHex(hmac) + "]";
    }
}
