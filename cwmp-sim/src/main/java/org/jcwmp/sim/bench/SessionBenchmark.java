package org.jcwmp.sim.bench;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jcwmp.sim.Fleet;
import org.jcwmp.sim.LatencyRecorder;
import org.jcwmp.sim.SimulatedCpe;

/**
 * Sessions per second and session latency: N simulated CPEs bootstrap, then {@code concurrency} workers run
 * sessions back to back (closed loop, each worker on its own share of the devices) for a warm-up and then a
 * measured window. Latency is one session: Inform to the ACS's 204, including Digest's 401 round trip.
 */
public final class SessionBenchmark {

    /** Called before each session of a device, outside the measured latency (e.g. queue tasks on the ACS). */
    public interface BeforeSession {
        void prepare(SimulatedCpe cpe, long sequence) throws Exception;
    }

    /** What to run and where. */
    public record Options(URI acsUrl, String acsUsername, String acsPassword, int devices, int concurrency,
                          Duration warmUp, Duration measured, String mix, String target) {
    }

    /** One second of the measured window. */
    public record Second(int second, long sessions, long errors, long p50, long p95, long p99, long max) {
    }

    /**
     * The outcome; latencies in microseconds. cpuPerSession: this JVM's CPU time (all its threads: the load generator,
     * and the embedded ACS when there is one) in the measured window over the sessions that ended in it, microseconds;
     * on a machine shared with other work it moves less than sessions/s.
     */
    public record Result(Options options, double sessionsPerSecond, long sessions, long errors, long p50, long p95,
                         long p99, long max, double exchangesPerSession, double cpuPerSession, long heapUsedAfterGc,
                         long storeBytes, double bootstrapSeconds, List<Second> seconds, String lastError) {
        public double heapPerDevice() {
            return (double) heapUsedAfterGc / options.devices();
        }

        public double storePerDevice() {
            return storeBytes < 0 ? -1 : (double) storeBytes / options.devices();
        }
    }

    private final Options options;
    private final BeforeSession before;
    private final LongSupplier storeBytes;
    private final PrintStream out;

    /**
     * @param before     null for none
     * @param storeBytes the ACS store's size on disk, or null when unknown
     */
    public SessionBenchmark(Options options, BeforeSession before, LongSupplier storeBytes, PrintStream out) {
        this.options = options;
        this.before = before;
        this.storeBytes = storeBytes;
        this.out = out;
    }

    public Result run() throws InterruptedException {
        int c = Math.min(options.concurrency(), options.devices());
        try (Fleet fleet = Fleet.builder().acsUrl(options.acsUrl()).devices(options.devices())
                .acsCredentials(options.acsUsername(), options.acsPassword())
                .connectionRequestListener("127.0.0.1", 0).bootStorm(true).maxConcurrentSessions(c)
                .retryMinimumWait(Duration.ofSeconds(1)).build()) {
            long t0 = System.nanoTime();
            fleet.start();
            out.printf(Locale.ROOT, "bootstrapping %d devices (%d at a time) ...%n", options.devices(), c);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (fleet.bootstrapped() < options.devices()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + fleet.bootstrapped() + " of " + options.devices()
                            + " devices bootstrapped in 10 minutes; last error: " + fleet.stats().lastError);
                }
                Thread.sleep(100);
            }
            double bootSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "bootstrapped in %.1f s (%.0f sessions/s); warm-up %d s, then %d s measured (%s mix, %d concurrent)%n",
                    bootSeconds, options.devices() / bootSeconds, options.warmUp().toSeconds(), options.measured().toSeconds(),
                    options.mix(), c);

            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            LongAdder errors = new LongAdder();
            LongAdder sessions = new LongAdder();
            LongAdder exchanges0 = new LongAdder();
            fleet.addListener((cpe, events, ok, micros, error) -> {
                if (measuring.get()) {
                    sessions.increment();
                    if (!ok) {
                        errors.increment();
                    }
                }
            });
            LatencyRecorder latency = fleet.stats().latency;
            ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
            for (int w = 0; w < c; w++) {
                int worker = w;
                workers.execute(() -> {
                    long seq = 0;
                    int i = worker;
                    while (!stop.get()) {
                        SimulatedCpe cpe = fleet.device(i);
                        i += c;
                        if (i >= options.devices()) {
                            i = worker;
                        }
                        try {
                            if (before != null) {
                                before.prepare(cpe, seq++);
                            }
                        } catch (Exception e) {
                            errors.increment();
                            continue;
                        }
                        fleet.runSession(cpe);
                    }
                });
            }
            sleepSeconds(options.warmUp().toSeconds(), latency);
            long okBefore = fleet.stats().ok.sum();
            long exBefore = fleet.stats().exchanges.sum();
            latency.resetTotal();
            latency.keepTotal(true);
            measuring.set(true);
            long cpu0 = processCpuNanos();
            long m0 = System.nanoTime();
            List<Second> seconds = new ArrayList<>();
            long lastErrors = 0;
            for (int s = 1; s <= options.measured().toSeconds(); s++) {
                Thread.sleep(Math.max(0, m0 + s * 1_000_000_000L - System.nanoTime()) / 1_000_000);
                long[] lat = latency.drainInterval();
                long e = errors.sum();
                Second sec = new Second(s, lat.length, e - lastErrors, LatencyRecorder.percentile(lat, 50),
                        LatencyRecorder.percentile(lat, 95), LatencyRecorder.percentile(lat, 99),
                        lat.length == 0 ? 0 : lat[lat.length - 1]);
                lastErrors = e;
                seconds.add(sec);
                out.printf(Locale.ROOT, "%4d s  %6d sessions/s  p50 %6.1f  p95 %6.1f  p99 %6.1f  max %7.1f ms  errors %d%n",
                        s, sec.sessions(), sec.p50() / 1e3, sec.p95() / 1e3, sec.p99() / 1e3, sec.max() / 1e3, sec.errors());
            }
            measuring.set(false);
            double elapsed = (System.nanoTime() - m0) / 1e9;
            long cpu = processCpuNanos() - cpu0;
            latency.keepTotal(false);
            long[] all = latency.total();
            long okCount = fleet.stats().ok.sum() - okBefore;
            long exCount = fleet.stats().exchanges.sum() - exBefore;
            stop.set(true);
            workers.shutdown();
            workers.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
            System.gc();
            Thread.sleep(200);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heap = rt.totalMemory() - rt.freeMemory();
            long store = storeBytes == null ? -1 : storeBytes.getAsLong();
            return new Result(options, all.length / elapsed, sessions.sum(), errors.sum(),
                    LatencyRecorder.percentile(all, 50), LatencyRecorder.percentile(all, 95),
                    LatencyRecorder.percentile(all, 99), all.length == 0 ? 0 : all[all.length - 1],
                    okCount == 0 ? 0 : (double) exCount / okCount, all.length == 0 ? 0 : cpu / 1e3 / all.length,
                    heap, store, bootSeconds, seconds,
                    fleet.stats().lastError);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void sleepSeconds(long seconds, LatencyRecorder latency) throws InterruptedException {
        for (long s = 0; s < seconds; s++) {
            Thread.sleep(1000);
            latency.drainInterval();
        }
    }
}
