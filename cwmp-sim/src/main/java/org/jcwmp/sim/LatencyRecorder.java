package org.jcwmp.sim;

import java.util.Arrays;

/**
 * Session latencies: every value of the current interval (drained once a second for the live line and the chart)
 * and every value since {@link #resetTotal()} for the run's percentiles. Values are microseconds.
 */
public final class LatencyRecorder {
    private static final int MAX_INTERVAL = 1 << 20;
    private long[] interval = new long[1024];
    private int intervalSize;
    private long[] total = new long[1024];
    private int totalSize;
    private boolean keepTotal;

    /** Keep every value from now on (for a measured window); off by default so a long simulation stays small. */
    public synchronized void keepTotal(boolean on) {
        keepTotal = on;
    }

    public synchronized void record(long micros) {
        if (intervalSize == interval.length && interval.length < MAX_INTERVAL) {
            interval = Arrays.copyOf(interval, intervalSize * 2);
        }
        if (intervalSize < interval.length) {
            interval[intervalSize++] = micros; // nobody draining: keep the first million, stay bounded
        }
        if (!keepTotal) {
            return;
        }
        if (totalSize == total.length) {
            total = Arrays.copyOf(total, totalSize * 2);
        }
        total[totalSize++] = micros;
    }

    /** The values since the last drain, sorted. */
    public synchronized long[] drainInterval() {
        long[] out = Arrays.copyOf(interval, intervalSize);
        intervalSize = 0;
        if (interval.length > 65536) {
            interval = new long[1024];
        }
        Arrays.sort(out);
        return out;
    }

    /** Every value since the last reset, sorted. */
    public synchronized long[] total() {
        long[] out = Arrays.copyOf(total, totalSize);
        Arrays.sort(out);
        return out;
    }

    public synchronized void resetTotal() {
        totalSize = 0;
        total = new long[1024];
    }

    /** The p-th percentile (0..100) of sorted values, 0 when there are none. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
