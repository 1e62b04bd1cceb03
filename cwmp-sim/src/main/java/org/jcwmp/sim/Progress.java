package org.jcwmp.sim;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The console's live line, once a second: sessions per second, latency percentiles of the last second, totals,
 * devices bootstrapped, sessions in flight and waiting, connection requests.
 */
public final class Progress implements AutoCloseable {
    private final Fleet fleet;
    private final PrintStream out;
    private final Thread thread;
    private final long start = System.nanoTime();
    private final boolean newlines;
    private volatile boolean running = true;

    /** @param newlines one line per second instead of rewriting one line (for logs and pipes) */
    public Progress(Fleet fleet, PrintStream out, boolean newlines) {
        this.fleet = fleet;
        this.out = out;
        this.newlines = newlines;
        this.thread = Thread.ofPlatform().daemon().name("sim-progress").start(this::loop);
    }

    private void loop() {
        long lastOk = 0;
        long lastFailed = 0;
        long last = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            Fleet.FleetStats s = fleet.stats();
            long ok = s.ok.sum();
            long failed = s.failed.sum();
            double secs = (now - last) / 1e9;
            long[] lat = s.latency.drainInterval();
            String line = String.format(Locale.ROOT,
                    "%5ds | %7.0f sessions/s (%4.0f failed/s) | p50 %6.1f p99 %7.1f ms | total %d ok %d failed | "
                            + "bootstrapped %d/%d | in flight %d, waiting %d | CR %d ok %d refused",
                    (now - start) / 1_000_000_000L, (ok - lastOk) / secs, (failed - lastFailed) / secs,
                    LatencyRecorder.percentile(lat, 50) / 1000.0, LatencyRecorder.percentile(lat, 99) / 1000.0,
                    ok, failed, fleet.bootstrapped(), fleet.size(), s.inFlight.sum(), fleet.queued(),
                    s.crAccepted.sum(), s.crRefused.sum());
            if (newlines) {
                out.println(line);
            } else {
                out.print("\r" + line + "   ");
                out.flush();
            }
            lastOk = ok;
            lastFailed = failed;
            last = now;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (!newlines) {
            out.println();
        }
    }
}
