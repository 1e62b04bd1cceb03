package org.jcwmp.cpe.session;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The session retry wait of TR-069 (3.2.1.1): with m = CWMPRetryMinimumWaitInterval and
 * k = CWMPRetryIntervalMultiplier / 1000, retry n waits a random time in [m*k^(n-1), m*k^n]; n stops growing at 10.
 * Randomness spreads a fleet that lost its ACS at the same moment.
 */
public final class RetryPolicy {
    /** Beyond this retry count the interval stops growing. */
    public static final int MAX_EXPONENT = 10;
    /** Keeps absurd settings (m = 65535, k = 65.535) from overflowing. */
    private static final long MAX_MILLIS = Long.MAX_VALUE / 4;

    /** The bounds of one retry wait. */
    public record Interval(Duration min, Duration max) {
    }

    private RetryPolicy() {
    }

    /**
     * @param retry                n, the retry about to be made (1 after the first failure)
     * @param minimumWaitSeconds   CWMPRetryMinimumWaitInterval
     * @param multiplierPerMille   CWMPRetryIntervalMultiplier (2000 means 2.0)
     */
    public static Interval interval(int retry, long minimumWaitSeconds, long multiplierPerMille) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1: " + retry);
        }
        int n = Math.min(retry, MAX_EXPONENT);
        double k = multiplierPerMille / 1000.0;
        double minMillis = minimumWaitSeconds * 1000.0 * Math.pow(k, n - 1);
        double maxMillis = minimumWaitSeconds * 1000.0 * Math.pow(k, n);
        return new Interval(Duration.ofMillis(clamp(minMillis)), Duration.ofMillis(clamp(maxMillis)));
    }

    /** A random wait inside {@link #interval}. */
    public static Duration waitBefore(int retry, long minimumWaitSeconds, long multiplierPerMille, RandomGenerator random) {
        Interval i = interval(retry, minimumWaitSeconds, multiplierPerMille);
        long min = i.min().toMillis();
        long max = i.max().toMillis();
        return Duration.ofMillis(max > min ? random.nextLong(min, max + 1) : min);
    }

    private static long clamp(double millis) {
        return (long) Math.min(Math.round(millis), MAX_MILLIS);
    }
}
