package org.jcwmp.acs.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jcwmp.core.auth.BasicCredentials;
import org.jcwmp.core.auth.DigestAuthenticator;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Authenticates a CPE at the start of a session: Digest on plain HTTP, Basic on TLS (TR-069 3.4.4).
 * A password is looked up per device first, then in the default policy.
 */
public final class CpeAuthenticator {
    private final boolean enabled;
    private final DigestAuthenticator digest;
    private final Function<String, String> passwordOf;

    /** @param passwordOf the password of a CPE username, or null when the username is unknown */
    public CpeAuthenticator(boolean enabled, String realm, Function<String, String> passwordOf) {
        this.enabled = enabled;
        this.digest = new DigestAuthenticator(realm);
        this.passwordOf = passwordOf;
    }

    /** True when the request may go on; otherwise the 401 with its challenges has been set on the response. */
    public boolean authenticate(HttpServletRequest req, HttpServletResponse res) {
        if (!enabled) {
            return true;
        }
        String header = req.getHeader("Authorization");
        boolean tls = "https".equals(req.getScheme());
        if (header != null && (tls ? basicValid(header) : digestValid(req, header))) {
            return true;
        }
        res.setStatus(401);
        if (tls) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"" + digest.realm() + "\"");
        } else {
            boolean stale = header != null && digest.isStale(req.getMethod(), header, passwordOf);
            for (String challenge : digest.challenges(stale)) {
                res.addHeader("WWW-Authenticate", challenge);
            }
        }
        return false;
    }

    private boolean digestValid(HttpServletRequest req, String header) {
        String query = req.getQueryString();
        String requestUri = req.getRequestURI() + (query == null ? "" : "?" + query);
        return digest.verify(req.getMethod(), requestUri, header, passwordOf).isPresent();
    }

    private boolean basicValid(String header) {
        try {
            BasicCredentials c = BasicCredentials.parse(header);
            String expected = passwordOf.apply(c.username());
            return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    c.password().getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
