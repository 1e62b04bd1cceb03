package org.jcwmp.core.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The user and password of a Basic {@code Authorization} header; TR-069 allows Basic only over TLS. */
public record BasicCredentials(String username, String password) {

    /**
     * Parses {@code Basic base64(user:password)}; the password may contain ':' (only the first one splits).
     *
     * @throws IllegalArgumentException when the header is not Basic or not valid base64 of "user:password"
     */
    public static BasicCredentials parse(String header) {
        String token = AuthParams.stripScheme(header, "Basic").strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("Basic header without credentials");
        }
        String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Basic credentials without ':'");
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The {@code Authorization} value a client sends: {@code Basic base64(user:password)} (UTF-8). */
    public String header() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + ", password=***]";
    }
}
