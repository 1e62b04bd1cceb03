package org.jcwmp.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The Digest algorithms we accept; "-sess" variants hash the nonces into HA1 (RFC 7616 3.4.2). */
enum DigestAlgorithm {
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true);

    private final String token;
    private final String jcaName;
    private final boolean session;

    DigestAlgorithm(String token, String jcaName, boolean session) {
        this.token = token;
        this.jcaName = jcaName;
        this.session = session;
    }

    String token() {
        return token;
    }

    boolean session() {
        return session;
    }

    /** The algorithm a header names; an absent one means MD5. Null when not supported. */
    static DigestAlgorithm of(String name) {
        if (name == null) {
            return MD5;
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        return null;
    }

    /** Lower-case hex of the hash of the UTF-8 text. */
    String hash(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + jcaName, e);
        }
    }

    int hexLength() {
        return this == MD5 || this == MD5_SESS ? 32 : 64;
    }
}
