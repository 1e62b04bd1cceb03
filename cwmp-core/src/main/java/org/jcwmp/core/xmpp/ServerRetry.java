package org.jcwmp.core.xmpp;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The XMPP reconnection wait of TR-181 (Device.XMPP.Connection.{i}.ServerRetry*): the n-th wait is a random time
 * between 0 and min(ServerRetryInitialInterval * (ServerRetryIntervalMultiplier / 1000)^(n-1), ServerRetryMaxInterval).
 * Randomness spreads a fleet that lost its server at the same moment; with the defaults (60 s, 2000, 30720 s) the
 * bounds run 1, 2, 4 ... 512 minutes.
 *
 * @param initialInterval    ServerRetryInitialInterval, the bound of the first wait
 * @param multiplierPerMille ServerRetryIntervalMultiplier (2000 means 2.0), 1000..65535
 * @param maxInterval        ServerRetryMaxInterval, the largest bound
 */
public record ServerRetry(Duration initialInterval, long multiplierPerMille, Duration maxInterval) {
    /** The TR-181 defaults: 60 s, 2000, 30720 s. */
    public static final ServerRetry DEFAULT = ofSeconds(60, 2000, 30720);

    public ServerRetry {
        Objects.requireNonNull(initialInterval, "initialInterval");
        Objects.requireNonNull(maxInterval, "maxInterval");
        if (initialInterval.isNegative() || initialInterval.isZero()) {
            throw new IllegalArgumentException("initialInterval must be positive");
        }
        if (multiplierPerMille < 1000) {
            throw new IllegalArgumentException("multiplierPerMille must be at least 1000: " + multiplierPerMille);
        }
        if (maxInterval.isNegative() || maxInterval.isZero()) {
            throw new IllegalArgumentException("maxInterval must be positive");
        }
    }

    /** From the data model's values, all in their own units (seconds, per mille, seconds). */
    public static ServerRetry ofSeconds(long initialIntervalSeconds, long multiplierPerMille, long maxIntervalSeconds) {
        return new ServerRetry(Duration.ofSeconds(initialIntervalSeconds), multiplierPerMille,
                Duration.ofSeconds(maxIntervalSeconds));
    }

    /** The bound of the n-th reconnection wait (n from 1). */
    public Duration maxWait(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("reconnection waits count from 1: " + n);
        }
        double k = multiplierPerMille / 1000.0;
        double millis = initialInterval.toMillis() * Math.pow(k, n - 1);
        long max = maxInterval.toMillis();
        // Past the cap (or past what a double holds) the bound is the cap.
        return Duration.ofMillis(Double.isFinite(millis) && millis < max ? Math.round(millis) : max);
    }

    /** A random n-th reconnection wait, uniform in [0, {@link #maxWait(int)}]. */
    public Duration waitBefore(int n, RandomGenerator random) {
        long bound = maxWait(n).toMillis();
        return Duration.ofMillis(random.nextLong(bound + 1));
    }
}
