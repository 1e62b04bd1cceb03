package org.jcwmp.core.udpcr;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The CPE's check of UDP connection requests (TR-069 Annex G): un must name the ConnectionRequestUsername, sig must
 * match under the ConnectionRequestPassword, ts must be newer than the last accepted request's and id must differ
 * from it. Only an accepted request moves the remembered ts and id, so forged datagrams cannot shift them. The
 * ACS sends every request about three times with the same ts and id: the copies after the first are refused here
 * as {@link Verdict#STALE_TIMESTAMP}, which is the point.
 *
 * <p>The CPE's clock is not compared with ts: Annex G does not ask for it, and CPE clocks are often wrong.
 *
 * <p>Thread-safe.
 */
public final class UdpConnectionRequestVerifier {

    /** The outcome of one check. */
    public enum Verdict {
        ACCEPTED,
        /** un is not the ConnectionRequestUsername, or that is empty (then no one may ask). */
        UNKNOWN_USERNAME,
        BAD_SIGNATURE,
        /** ts is not newer than the last accepted one: a copy, a replay or an old request. */
        STALE_TIMESTAMP,
        /** id equals the last accepted one's. */
        REPEATED_ID;

        public boolean accepted() {
            return this == ACCEPTED;
        }
    }

    private long lastTimestampMillis;
    private String lastId;

    /** Nothing accepted yet. */
    public UdpConnectionRequestVerifier() {
        this(Long.MIN_VALUE, null);
    }

    /** Goes on from a state saved before a restart, so that requests captured before it stay refused. */
    public UdpConnectionRequestVerifier(long lastAcceptedTimestampMillis, String lastAcceptedId) {
        this.lastTimestampMillis = lastAcceptedTimestampMillis;
        this.lastId = lastAcceptedId;
    }

    /**
     * @param username the ConnectionRequestUsername; empty refuses every request
     * @param password the ConnectionRequestPassword
     */
    public Verdict verify(UdpConnectionRequest request, String username, String password) {
        Objects.requireNonNull(username, "username");
        return verify(request, un -> !username.isEmpty() && username.equals(un) ? password : null);
    }

    /**
     * @param passwordOf the ConnectionRequestPassword for a username, null when it is not the
     *                   ConnectionRequestUsername (the same callback the HTTP listener takes)
     */
    public synchronized Verdict verify(UdpConnectionRequest request, Function<String, String> passwordOf) {
        String password = passwordOf.apply(request.un());
        if (password == null) {
            return Verdict.UNKNOWN_USERNAME;
        }
        if (!request.signatureMatches(password)) {
            return Verdict.BAD_SIGNATURE;
        }
        long ts = request.timestampMillis();
        if (ts <= lastTimestampMillis) {
            return Verdict.STALE_TIMESTAMP;
        }
        if (request.id().equals(lastId)) {
            return Verdict.REPEATED_ID;
        }
        lastTimestampMillis = ts;
        lastId = request.id();
        return Verdict.ACCEPTED;
    }

    /** The ts of the last accepted request in milliseconds, to persist. */
    public synchronized OptionalLong lastAcceptedTimestampMillis() {
        return lastId == null ? OptionalLong.empty() : OptionalLong.of(lastTimestampMillis);
    }

    public synchronized Optional<String> lastAcceptedId() {
        return Optional.ofNullable(lastId);
    }
}
