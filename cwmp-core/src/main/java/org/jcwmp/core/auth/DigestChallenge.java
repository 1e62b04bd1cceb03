package org.jcwmp.core.auth;

import java.util.Locale;
import java.util.Map;

/**
 * Client side of HTTP Digest (RFC 7616): one {@code WWW-Authenticate: Digest ...} challenge and the
 * {@code Authorization} answer to it. Parsed with the same rules as {@link DigestCredentials}; answers with qop=auth
 * when the server offers it (else the RFC 2069 form), for MD5, SHA-256 and their -sess forms.
 *
 * @param algorithm as the challenge names it, null when absent (MD5)
 * @param qopAuth   true when the challenge offers qop "auth"
 * @param stale     true when the server says the last answer's nonce expired but its credentials were right
 */
public record DigestChallenge(String realm, String nonce, String opaque, String algorithm, boolean qopAuth,
                              boolean stale) {

    /**
     * Parses {@code Digest realm="r", nonce="n", ...}.
     *
     * @throws IllegalArgumentException when the header is not Digest, is malformed, lacks realm or nonce, names an
     *                                  algorithm we do not support, or offers only qop values other than auth
     */
    public static DigestChallenge parse(String header) {
        Map<String, String> p = AuthParams.parse(AuthParams.stripScheme(header, "Digest"));
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        if (realm == null || nonce == null) {
            throw new IllegalArgumentException("Digest challenge without realm or nonce");
        }
        String algorithm = p.get("algorithm");
        if (DigestAlgorithm.of(algorithm) == null) {
            throw new IllegalArgumentException("unsupported Digest algorithm " + algorithm);
        }
        String qop = p.get("qop");
        boolean auth = false;
        if (qop != null) {
            for (String q : qop.split(",")) {
                auth |= q.strip().equalsIgnoreCase("auth");
            }
            if (!auth) {
                throw new IllegalArgumentException("Digest challenge without qop auth: " + qop);
            }
        }
        if (!auth && DigestAlgorithm.of(algorithm).session()) {
            throw new IllegalArgumentException("-sess algorithm without qop");
        }
        return new DigestChallenge(realm, nonce, p.get("opaque"), algorithm, auth,
                "true".equalsIgnoreCase(p.get("stale")));
    }

    /**
     * The {@code Authorization} value answering this challenge.
     *
     * @param uri        the request target as sent on the request line (path and query)
     * @param nonceCount the nc, 1 for the first answer with this nonce and higher for each later one
     * @param cnonce     the client nonce (token characters only); ignored without qop
     */
    public String answer(String username, String password, String method, String uri, long nonceCount,
                         String cnonce) {
        if (username.indexOf('"') >= 0 || username.indexOf('\\') >= 0 || uri.indexOf('"') >= 0) {
            throw new IllegalArgumentException("username or uri with a quote or backslash");
        }
        DigestAlgorithm a = DigestAlgorithm.of(algorithm);
        String ha1 = a.hash(username + ":" + realm + ":" + password);
        if (a.session()) {
            ha1 = a.hash(ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = a.hash(method + ":" + uri);
        StringBuilder sb = new StringBuilder(300);
        sb.append("Digest username=\"").append(username).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append('"');
        if (qopAuth) {
            String nc = String.format(Locale.ROOT, "%08x", nonceCount);
            String response = a.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce)
                    .append("\", response=\"").append(response).append('"');
        } else {
            sb.append(", response=\"").append(a.hash(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (algorithm != null) {
            sb.append(", algorithm=").append(a.token());
        }
        if (opaque != null) {
            sb.append(", opaque=\"").append(opaque).append('"');
        }
        return sb.toString();
    }
}
