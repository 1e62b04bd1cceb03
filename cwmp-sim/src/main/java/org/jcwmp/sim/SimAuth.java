package org.jcwmp.sim;

import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jcwmp.core.auth.BasicCredentials;
import org.jcwmp.core.auth.DigestChallenge;

/**
 * The ACS's challenge a simulated CPE answers, for one ACS URL and one user: Digest (its nonce, and the nonce count
 * raised on each answer) or Basic. A session answers it on every POST once it has it; the device keeps it for its next
 * session, which answers it at once without the 401 round trip (RFC 7616 3.4). Not thread-safe: one session at a time
 * uses it.
 */
final class SimAuth {
    private final URI url;
    private final String username;
    private final String password;
    /** Null for Basic. */
    private final DigestChallenge digest;
    private final String cnonce;
    private final String basic;
    private long nonceCount;

    private SimAuth(URI url, String username, String password, DigestChallenge digest) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.digest = digest;
        if (digest != null) {
            // a load generator's client nonce: unpredictable enough, and cheaper than SecureRandom per challenge
            cnonce = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            basic = null;
        } else {
            cnonce = null;
            basic = new BasicCredentials(username, password).header();
        }
    }

    /**
     * The first challenge among the 401's WWW-Authenticate values that we can answer, Digest before Basic (each in
     * the server's order); null when there is none.
     */
    static SimAuth answering(List<String> challenges, URI url, String username, String password) {
        boolean basicOffered = false;
        for (String c : challenges) {
            String h = c.stripLeading();
            if (h.regionMatches(true, 0, "Digest", 0, 6)) {
                try {
                    return new SimAuth(url, username, password, DigestChallenge.parse(h));
                } catch (IllegalArgumentException e) {
                    // one we cannot answer (algorithm, qop): perhaps the next
                }
            } else if (h.regionMatches(true, 0, "Basic", 0, 5)) {
                basicOffered = true;
            }
        }
        return basicOffered ? new SimAuth(url, username, password, null) : null;
    }

    /** True when the server said the nonce it was answered with expired (the credentials were right). */
    boolean stale() {
        return digest != null && digest.stale();
    }

    /** True when it was got for this URL and these credentials. */
    boolean isFor(URI url, String username, String password) {
        return this.url.equals(url) && this.username.equals(username) && Objects.equals(this.password, password);
    }

    /** The Authorization value of the next request; raises the nonce count. */
    String header(String method, String requestTarget) {
        if (digest == null) {
            return basic;
        }
        return digest.answer(username, password, method, requestTarget, ++nonceCount, cnonce);
    }
}
