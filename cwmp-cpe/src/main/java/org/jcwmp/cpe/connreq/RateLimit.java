package org.jcwmp.cpe.connreq;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/** At most {@code max} permits in any sliding window; TR-069 lets a CPE refuse excess connection requests with 503. */
public final class RateLimit {
    private final int max;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Long> granted = new ArrayDeque<>();

    public RateLimit(int max, Duration window) {
        this(max, window, System::nanoTime);
    }

    RateLimit(int max, Duration window, LongSupplier nanoTime) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.max = max;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    public synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        while (!granted.isEmpty() && now - granted.peekFirst() >= windowNanos) {
            granted.pollFirst();
        }
        if (granted.size() >= max) {
            return false;
        }
        granted.addLast(now);
        return true;
    }
}
