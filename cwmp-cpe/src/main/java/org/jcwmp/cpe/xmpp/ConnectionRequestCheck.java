package org.jcwmp.cpe.xmpp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Supplier;
import org.jcwmp.core.xmpp.ConnReqAllowedJabberIDs;
import org.jcwmp.cpe.connreq.RateLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides an XMPP connection request, in the standard's order: the sender against ConnReqAllowedJabberIDs
 * (service-unavailable), then the credentials against ConnectionRequestUsername/Password (not-authorized), then the
 * rate limit. The values are read on every request, since the ACS may change them at any time.
 */
public final class ConnectionRequestCheck {
    private static final Logger log = LoggerFactory.getLogger(ConnectionRequestCheck.class);

    /** What the CPE answers. */
    public enum Verdict {
        /** Empty result; the CPE opens a session with 6 CONNECTION REQUEST. */
        ACCEPTED,
        /** service-unavailable (cancel): the sender is not in ConnReqAllowedJabberIDs. */
        SENDER_NOT_ALLOWED,
        /** not-authorized (cancel): wrong username or password. */
        NOT_AUTHORIZED,
        /** service-unavailable (wait): right credentials, but more accepted requests than the limit allows. */
        RATE_LIMITED
    }

    private final Supplier<String> allowedJabberIds;
    private final Supplier<String> username;
    private final Supplier<String> password;
    private final RateLimit rateLimit;
    private String lastAllowedValue;
    private ConnReqAllowedJabberIDs lastAllowed;

    /**
     * @param allowedJabberIds the ConnReqAllowedJabberIDs value (comma-separated)
     * @param username         ConnectionRequestUsername
     * @param password         ConnectionRequestPassword
     * @param rateLimit        accepted requests allowed; only requests that pass both checks count, so a flood of
     *                         bad ones cannot lock the ACS out
     */
    public ConnectionRequestCheck(Supplier<String> allowedJabberIds, Supplier<String> username,
                                  Supplier<String> password, RateLimit rateLimit) {
        this.allowedJabberIds = Objects.requireNonNull(allowedJabberIds);
        this.username = Objects.requireNonNull(username);
        this.password = Objects.requireNonNull(password);
        this.rateLimit = Objects.requireNonNull(rateLimit);
    }

    /**
     * @param from              the sender's address as the server stamped it, null when absent
     * @param requestedUsername the request's username, null when missing
     * @param requestedPassword the request's password, null when missing
     */
    public Verdict check(String from, String requestedUsername, String requestedPassword) {
        if (!allowed().allows(from)) {
            return Verdict.SENDER_NOT_ALLOWED;
        }
        if (requestedUsername == null || requestedPassword == null
                || !constantTimeEquals(requestedUsername, username.get())
                || !constantTimeEquals(requestedPassword, password.get())) {
            return Verdict.NOT_AUTHORIZED;
        }
        return rateLimit.tryAcquire() ? Verdict.ACCEPTED : Verdict.RATE_LIMITED;
    }

    private synchronized ConnReqAllowedJabberIDs allowed() {
        String value = allowedJabberIds.get();
        if (lastAllowed == null || !Objects.equals(value, lastAllowedValue)) {
            try {
                lastAllowed = ConnReqAllowedJabberIDs.parse(value);
            } catch (IllegalArgumentException e) {
                // A broken list must not open the device to everyone: nobody gets in until it is fixed.
                log.warn("ConnReqAllowedJabberIDs '{}' is invalid, refusing every sender: {}", value, e.getMessage());
                lastAllowed = ConnReqAllowedJabberIDs.parse("nobody@invalid.invalid/none");
            }
            lastAllowedValue = value;
        }
        return lastAllowed;
    }

    /** Time independent of where the values differ, so the answer's timing tells nothing about the password. */
    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                (expected == null ? "" : expected).getBytes(StandardCharsets.UTF_8));
    }
}
