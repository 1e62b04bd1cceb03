package org.jcwmp.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N simulated CPEs in one JVM against one ACS URL.
 *
 * <p>No thread per device: a device that is due for a session goes into one ready queue; a fixed number of virtual
 * threads ({@code maxConcurrentSessions}) take devices from it and run their sessions. One platform thread schedules
 * periodic Informs (with jitter), retries (TR-069's back-off, or the ACS's Retry-After) and the boot ramp. One shared
 * HTTP listener answers connection requests for every device.
 */
public final class Fleet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Fleet.class);

    /** Told about every finished session, on the session's thread. */
    public interface SessionListener {
        void sessionFinished(SimulatedCpe cpe, int events, boolean ok, long micros, String error);
    }

    private final SimContext context;
    private final SimulatedCpe[] devices;
    private final Builder options;
    private final FleetStats stats = new FleetStats();
    private final LinkedBlockingQueue<SimulatedCpe> ready = new LinkedBlockingQueue<>();
    private final List<SessionListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger bootstrapped = new AtomicInteger();
    private SimSessionClient client;
    private ConnectionRequestServer crServer;
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;
    private volatile boolean running;

    private Fleet(Builder b) {
        this.options = b;
        DataModelTemplate template = b.template != null ? b.template : DataModelTemplate.of(b.profile);
        this.context = new SimContext(template, b.manufacturer, b.oui, b.productClass, b.serialPrefix, b.acsUrl,
                b.acsUsername, b.acsPassword, b.crUsername, b.crPassword);
        this.devices = new SimulatedCpe[b.devices];
        for (int i = 0; i < devices.length; i++) {
            devices[i] = new SimulatedCpe(context, b.firstNumber + i);
        }
        context.scheduler(new SimContext.Scheduler() {
            @Override
            public void scheduleInform(SimulatedCpe cpe, long delaySeconds, int events) {
                later(cpe, Math.max(0, delaySeconds) * 1000, events);
            }

            @Override
            public void transfer(SimulatedCpe cpe, String fileName) {
                transferLater(cpe, fileName);
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    public DataModelTemplate template() {
        return context.template();
    }

    public int size() {
        return devices.length;
    }

    public SimulatedCpe device(int i) {
        return devices[i];
    }

    /** The device with this serial number, or null. */
    public SimulatedCpe bySerial(String serial) {
        return byNumber(context.numberOf(serial));
    }

    private SimulatedCpe byNumber(int number) {
        int i = number - options.firstNumber;
        return i >= 0 && i < devices.length ? devices[i] : null;
    }

    public FleetStats stats() {
        return stats;
    }

    public int bootstrapped() {
        return bootstrapped.get();
    }

    public int queued() {
        return ready.size();
    }

    public void addListener(SessionListener l) {
        listeners.add(l);
    }

    /** The connection-request listener's port, -1 when there is none. */
    public int connectionRequestPort() {
        return crServer == null ? -1 : crServer.port();
    }

    /** Starts the CR listener, the workers and the scheduler, and boots the devices (all at once or on a ramp). */
    public synchronized Fleet start() {
        if (running) {
            throw new IllegalStateException("already started");
        }
        running = true;
        client = new SimSessionClient(options.maxConcurrentSessions, options.timeout);
        if (options.crPort >= 0) {
            crServer = new ConnectionRequestServer(options.crHost, options.crPort, context, this::byNumber,
                    this::connectionRequested, stats.crRefused::increment);
            try {
                crServer.start();
            } catch (IOException e) {
                running = false;
                throw new UncheckedIOException("cannot open the connection-request listener", e);
            }
            context.connectionRequestBase(crServer.baseUrl());
        }
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sim-scheduler");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        scheduler = s;
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sim-session-", 0).factory());
        for (int i = 0; i < options.maxConcurrentSessions; i++) {
            workers.execute(this::work);
        }
        if (options.boot) {
            if (options.bootStorm || options.rampPerSecond <= 0) {
                for (SimulatedCpe d : devices) {
                    ready.add(d);
                }
            } else {
                double gapMicros = 1_000_000.0 / options.rampPerSecond;
                for (int i = 0; i < devices.length; i++) {
                    SimulatedCpe d = devices[i];
                    scheduler.schedule(() -> enqueue(d), (long) (i * gapMicros), TimeUnit.MICROSECONDS);
                }
            }
        }
        return this;
    }

    private void work() {
        while (running) {
            SimulatedCpe cpe;
            try {
                cpe = ready.take();
            } catch (InterruptedException e) {
                return;
            }
            if (!cpe.tryBegin()) {
                // in a session already (e.g. a connection request during a periodic session): try again shortly
                later(cpe, 200, 0);
                continue;
            }
            runSessionLocked(cpe);
        }
    }

    private void enqueue(SimulatedCpe cpe) {
        if (running) {
            ready.add(cpe);
        }
    }

    private void later(SimulatedCpe cpe, long millis, int events) {
        ScheduledExecutorService s = scheduler;
        if (running && s != null) {
            s.schedule(() -> {
                cpe.addEvent(events);
                enqueue(cpe);
            }, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** After the transfer time the Download is done (or failed) and the device boots into a session to report it. */
    private void transferLater(SimulatedCpe cpe, String fileName) {
        ScheduledExecutorService s = scheduler;
        if (running && s != null) {
            s.schedule(() -> {
                cpe.transferFinished(options.failDownloads.test(cpe.serialNumber()), fileName);
                cpe.addEvent(SimulatedCpe.EV_BOOT);
                enqueue(cpe);
            }, options.transferMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void connectionRequested(SimulatedCpe cpe) {
        stats.crAccepted.increment();
        cpe.addEvent(SimulatedCpe.EV_CONNECTION_REQUEST);
        enqueue(cpe);
    }

    /**
     * Runs one session for a device now, on the calling thread, unless it is in one already.
     *
     * @return true when the session ran and succeeded
     */
    public boolean runSession(SimulatedCpe cpe) {
        if (!cpe.tryBegin()) {
            return false;
        }
        return runSessionLocked(cpe);
    }

    private boolean runSessionLocked(SimulatedCpe cpe) {
        int events = cpe.pendingEvents();
        long t0 = System.nanoTime();
        boolean ok = false;
        String error = null;
        int retryAfter = -1;
        stats.inFlight.increment();
        try {
            int exchanges = client.run(cpe, context, events);
            ok = true;
            stats.exchanges.add(exchanges);
        } catch (SimSessionClient.SessionFailure e) {
            error = e.getMessage();
            retryAfter = e.retryAfterSeconds;
        } catch (RuntimeException e) {
            error = e.toString();
            log.debug("session of {} failed", cpe.deviceId(), e);
        } finally {
            stats.inFlight.decrement();
            cpe.end();
        }
        long micros = (System.nanoTime() - t0) / 1000;
        if (ok) {
            stats.ok.increment();
            stats.latency.record(micros);
            if ((events & SimulatedCpe.EV_BOOTSTRAP) != 0) {
                bootstrapped.incrementAndGet();
            }
            int after = cpe.takeAfterSession();
            if (cpe.transferComplete() != null && after == 0) {
                // the ACS held the TransferComplete (HoldRequests): report it in another session soon
                later(cpe, Math.max(100, options.transferMillis), 0);
            } else if (after != 0) {
                if ((after & SimulatedCpe.EV_BOOTSTRAP) != 0) {
                    cpe.reset();
                }
                later(cpe, options.rebootMillis, after);
            } else if (!options.informInterval.isZero()) {
                later(cpe, jittered(options.informInterval.toMillis()), 0);
            }
        } else {
            stats.failed.increment();
            stats.lastError = error;
            cpe.sessionFailed();
            later(cpe, retryAfter >= 0 ? retryAfter * 1000L : retryWaitMillis(cpe.retryCount()), 0);
        }
        for (SessionListener l : listeners) {
            l.sessionFinished(cpe, events, ok, micros, error);
        }
        return ok;
    }

    private long jittered(long millis) {
        double j = options.jitter;
        if (j <= 0) {
            return millis;
        }
        return Math.max(1, (long) (millis * (1 + ThreadLocalRandom.current().nextDouble(-j, j))));
    }

    /** TR-069 3.2.1.1: retry n waits a random time in [m*k^(n-1), m*k^n] seconds, n capped at 10. */
    long retryWaitMillis(int retry) {
        double m = options.retryMinimumWait.toMillis();
        double k = 2.0;
        int n = Math.max(1, Math.min(10, retry));
        double lo = m * Math.pow(k, n - 1);
        double hi = m * Math.pow(k, n);
        return (long) ThreadLocalRandom.current().nextDouble(lo, hi);
    }

    /** Stops everything; sessions in flight are cut off. */
    @Override
    public synchronized void close() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        if (crServer != null) {
            crServer.close();
        }
        if (client != null) {
            client.close();
        }
    }

    public static final class Builder {
        private URI acsUrl;
        private int devices = 1;
        private int firstNumber = 1;
        private String profile = "home-gateway";
        private DataModelTemplate template;
        private String manufacturer = "jcwmp";
        private String oui = "00D09E";
        private String productClass = "SimGateway";
        private String serialPrefix = "SIM";
        private String acsUsername = "cpe";
        private String acsPassword = "cpe";
        private String crUsername = "acs";
        private String crPassword = "acs";
        private String crHost = "127.0.0.1";
        private int crPort = 0;
        private Duration informInterval = Duration.ZERO;
        private double jitter = 0.1;
        private boolean boot = true;
        private boolean bootStorm;
        private double rampPerSecond = 500;
        private int maxConcurrentSessions = 64;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration retryMinimumWait = Duration.ofSeconds(5);
        private long transferMillis = 1000;
        private java.util.function.Predicate<String> failDownloads = serial -> false;
        private long rebootMillis = 1000;

        public Builder acsUrl(URI url) {
            this.acsUrl = Objects.requireNonNull(url);
            return this;
        }

        public Builder devices(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one device");
            }
            this.devices = n;
            return this;
        }

        /** The first device's number (serial SIM000001 by default). */
        public Builder firstNumber(int n) {
            this.firstNumber = n;
            return this;
        }

        /** A cwmp-cpe profile name: home-gateway (default) or legacy-gateway. */
        public Builder profile(String name) {
            this.profile = name;
            return this;
        }

        /** A template already read (several fleets can share one). */
        public Builder template(DataModelTemplate t) {
            this.template = t;
            return this;
        }

        public Builder identity(String manufacturer, String oui, String productClass, String serialPrefix) {
            this.manufacturer = manufacturer;
            this.oui = oui;
            this.productClass = productClass;
            this.serialPrefix = serialPrefix;
            return this;
        }

        /** Credentials towards the ACS; "{serial}" and "{id}" are replaced per device. Null for none. */
        public Builder acsCredentials(String username, String password) {
            this.acsUsername = username;
            this.acsPassword = password;
            return this;
        }

        /** ConnectionRequestUsername/Password; "{serial}" and "{id}" are replaced per device. */
        public Builder connectionRequestCredentials(String username, String password) {
            this.crUsername = username;
            this.crPassword = password;
            return this;
        }

        /** Where the shared connection-request listener binds and what URL it advertises; port -1 for none. */
        public Builder connectionRequestListener(String host, int port) {
            this.crHost = host;
            this.crPort = port;
            return this;
        }

        /** Periodic Informs; zero (default) for none. */
        public Builder informInterval(Duration d) {
            this.informInterval = d;
            return this;
        }

        /** Random spread of each periodic interval, 0..1 (default 0.1 = plus or minus 10 %). */
        public Builder jitter(double fraction) {
            this.jitter = fraction;
            return this;
        }

        /** Whether start() boots the devices (BOOTSTRAP and BOOT); default true. */
        public Builder boot(boolean on) {
            this.boot = on;
            return this;
        }

        /** Every device boots at once instead of on the ramp. */
        public Builder bootStorm(boolean on) {
            this.bootStorm = on;
            return this;
        }

        /** Devices booted per second when not in a storm (default 500). */
        public Builder rampPerSecond(double perSecond) {
            this.rampPerSecond = perSecond;
            return this;
        }

        /** Sessions at the same time: worker virtual threads and pooled HTTP connections (default 64). */
        public Builder maxConcurrentSessions(int n) {
            this.maxConcurrentSessions = Math.max(1, n);
            return this;
        }

        public Builder timeout(Duration d) {
            this.timeout = d;
            return this;
        }

        /** CWMPRetryMinimumWaitInterval (default 5 s). */
        public Builder retryMinimumWait(Duration d) {
            this.retryMinimumWait = d;
            return this;
        }

        /** How long an accepted firmware Download takes until the device reports its TransferComplete (default 1 s). */
        public Builder transferTime(Duration d) {
            this.transferMillis = d.toMillis();
            return this;
        }

        /**
         * Which devices (by serial number) fail every firmware Download with 9010 in their TransferComplete; by
         * default none. E.g. {@code s -> s.endsWith("0")} for one in ten.
         */
        public Builder failDownloads(java.util.function.Predicate<String> serials) {
            this.failDownloads = java.util.Objects.requireNonNull(serials);
            return this;
        }

        /** How long a simulated reboot takes (default 1 s). */
        public Builder rebootTime(Duration d) {
            this.rebootMillis = d.toMillis();
            return this;
        }

        public Fleet build() {
            if (acsUrl == null) {
                throw new IllegalStateException("acsUrl is required");
            }
            return new Fleet(this);
        }
    }

    /** Counters of a fleet; read them at any time. */
    public static final class FleetStats {
        public final LongAdder ok = new LongAdder();
        public final LongAdder failed = new LongAdder();
        public final LongAdder exchanges = new LongAdder();
        public final LongAdder inFlight = new LongAdder();
        public final LongAdder crAccepted = new LongAdder();
        public final LongAdder crRefused = new LongAdder();
        public final LatencyRecorder latency = new LatencyRecorder();
        public volatile String lastError;

        /** A list of the counters, for reports. */
        public List<String> summary() {
            List<String> out = new ArrayList<>();
            out.add("sessions ok " + ok.sum());
            out.add("failed " + failed.sum());
            out.add("CR accepted " + crAccepted.sum() + ", refused " + crRefused.sum());
            return out;
        }
    }

    /** Runs {@code action} for each device. */
    public void forEach(Consumer<SimulatedCpe> action) {
        for (SimulatedCpe d : devices) {
            action.accept(d);
        }
    }
}
