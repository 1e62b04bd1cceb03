package org.jcwmp.core.auth;

import java.util.Map;

/**
 * The fields of a Digest {@code Authorization} header (RFC 7616 / 2617). Values are as sent, unquoted;
 * optional fields the client left out are null.
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                String algorithm, String qop, String nc, String cnonce, String opaque) {

    /**
     * Parses {@code Digest username="u", realm="r", ...}. Accepts quoted or bare values, any spacing and
     * commas inside quotes.
     *
     * @throws IllegalArgumentException when the header is not Digest, is malformed or lacks
     *                                  username, realm, nonce, uri or response
     */
    public static DigestCredentials parse(String header) {
        Map<String, String> p = AuthParams.parse(AuthParams.stripScheme(header, "Digest"));
        return new DigestCredentials(
                required(p, "username"), required(p, "realm"), required(p, "nonce"), required(p, "uri"),
                required(p, "response"), p.get("algorithm"), p.get("qop"), p.get("nc"), p.get("cnonce"),
                p.get("opaque"));
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Digest header without " + name);
        }
        return v;
    }
}
