package org.jcwmp.cpe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.cpe.connreq.ConnectionRequestListener;
import org.jcwmp.cpe.connreq.RateLimit;
import org.jcwmp.cpe.model.ChangeOrigin;
import org.jcwmp.cpe.model.DataModel;
import org.jcwmp.cpe.model.Device2Model;
import org.jcwmp.cpe.session.CpeMethods;
import org.jcwmp.cpe.session.EventQueue;
import org.jcwmp.cpe.session.SessionClient;
import org.jcwmp.cpe.session.SessionLoop;
import org.jcwmp.cpe.state.AgentState;
import org.jcwmp.cpe.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TR-069 CPE agent: the data model, the session loop towards the ACS, the connection request listener and the
 * persistent state that ties them together across restarts.
 *
 * <pre>{@code
 * try (CpeAgent agent = CpeAgent.builder()
 *         .acsUrl(URI.create("http://acs.example:7547/"))
 *         .acsCredentials("user", "pass")
 *         .stateDirectory(Path.of("/var/lib/cpe"))
 *         .deviceId(new DeviceIdStruct("jcwmp", "00D09E", "HomeGateway", "SN0001"))
 *         .connectionRequestCredentials("cruser", "crpass")
 *         .build()) {
 *     agent.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>The builder's configuration (ACS URL and credentials, connection request credentials, periodic inform) is
 * applied once, on the very first start; afterwards the persisted model wins, so what the ACS changed survives a
 * restart. The device's facts (DeviceId, hardware and software version) come from the builder on every start, since
 * they describe the device as it is now (a firmware upgrade changes SoftwareVersion).
 */
public final class CpeAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CpeAgent.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Builder config;
    private final StateStore store;
    private final DataModel model;
    private final EventQueue events;
    private final CpeMethods methods;
    private final SessionClient client;
    private final SessionLoop loop;
    private final List<CpeListener> listeners = new CopyOnWriteArrayList<>();
    private final boolean firstStart;
    private final Object persistLock = new Object();
    private volatile boolean bootstrapDone;
    private volatile boolean persisting;
    private ConnectionRequestListener connectionRequests;
    private boolean started;
    private boolean stopped;

    private CpeAgent(Builder b) {
        this.config = b;
        long bootNanos = System.nanoTime();
        this.store = new StateStore(b.stateDirectory);
        Optional<AgentState> saved = store.load();
        this.firstStart = saved.isEmpty();
        this.model = Device2Model.create(() -> (System.nanoTime() - bootNanos) / 1_000_000_000L);
        if (saved.isPresent()) {
            Set<String> skipped = model.restore(saved.get().values());
            if (!skipped.isEmpty()) {
                log.warn("state values no longer in the model, dropped: {}", skipped);
            }
            bootstrapDone = saved.get().bootstrapDone();
        } else {
            applyFirstStartConfiguration(b);
        }
        applyDeviceFacts(b);
        this.events = new EventQueue(saved.map(AgentState::pendingEvents).orElse(List.of()), this::eventsChanged);
        this.methods = new CpeMethods(model);
        this.client = new SessionClient(b.httpTimeout);
        this.loop = new SessionLoop(model, events, client, methods, new LoopCallbacks(), Clock.systemUTC(),
                RandomGenerator.getDefault());
    }

    public static Builder builder() {
        return new Builder();
    }

    private void applyFirstStartConfiguration(Builder b) {
        set(Device2Model.URL, b.acsUrl.toString());
        set(Device2Model.USERNAME, b.acsUsername);
        set(Device2Model.PASSWORD, b.acsPassword);
        set(Device2Model.CONNECTION_REQUEST_USERNAME, b.connectionRequestUsername);
        set(Device2Model.CONNECTION_REQUEST_PASSWORD, b.connectionRequestPassword);
        if (b.periodicInformInterval != null) {
            set(Device2Model.PERIODIC_INFORM_INTERVAL, Long.toString(b.periodicInformInterval.toSeconds()));
            set(Device2Model.PERIODIC_INFORM_ENABLE, "true");
        }
    }

    private void applyDeviceFacts(Builder b) {
        set(Device2Model.MANUFACTURER, b.deviceId.manufacturer());
        set(Device2Model.MANUFACTURER_OUI, b.deviceId.oui());
        set(Device2Model.PRODUCT_CLASS, b.deviceId.productClass());
        set(Device2Model.SERIAL_NUMBER, b.deviceId.serialNumber());
        set(Device2Model.HARDWARE_VERSION, b.hardwareVersion);
        set(Device2Model.SOFTWARE_VERSION, b.softwareVersion);
    }

    private void set(String path, String value) {
        model.setValue(path, value == null ? "" : value, ChangeOrigin.AGENT);
    }

    /**
     * Starts the connection request listener and the session loop; the first Inform goes out at once, with
     * 0 BOOTSTRAP and 1 BOOT on the very first start and 1 BOOT after that.
     *
     * @throws UncheckedIOException when the listener cannot bind
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("an agent starts once; build a new one on the same state directory");
        }
        started = true;
        if (firstStart || !bootstrapDone) {
            events.add(EventCode.BOOTSTRAP);
        }
        events.add(EventCode.BOOT);

        String previousPath = URI.create(model.value(Device2Model.CONNECTION_REQUEST_URL).isEmpty()
                ? "x:/" : model.value(Device2Model.CONNECTION_REQUEST_URL)).getPath();
        connectionRequests = new ConnectionRequestListener(config.connectionRequestHost, config.connectionRequestPort,
                previousPath != null && previousPath.startsWith("/cr/") ? previousPath : null,
                this::connectionRequestPassword, this::connectionRequest,
                new RateLimit(ConnectionRequestListener.DEFAULT_MAX_PER_SECOND, Duration.ofSeconds(1)));
        try {
            connectionRequests.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for connection requests on "
                    + config.connectionRequestHost + ":" + config.connectionRequestPort, e);
        }
        set(Device2Model.CONNECTION_REQUEST_URL, connectionRequests.url().toString());

        persisting = true;
        persist();
        model.addListener(this::valuesChanged);
        loop.start("cwmp-session-" + model.value(Device2Model.SERIAL_NUMBER));
    }

    /** Stops the listener and the session loop, waiting a little for a running session; idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (connectionRequests != null) {
            connectionRequests.close();
        }
        loop.stop(STOP_GRACE);
        client.close();
        if (started) {
            persist();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The ConnectionRequestURL the listener answers on. */
    public synchronized URI connectionRequestUrl() {
        if (connectionRequests == null) {
            throw new IllegalStateException("not started");
        }
        return connectionRequests.url();
    }

    /** A parameter's current value as the device sees it (passwords included). */
    public String parameterValue(String path) {
        return model.value(path);
    }

    /**
     * A change made on the device itself (its UI, its firmware). Checked against the parameter's type, persisted.
     *
     * @throws IllegalArgumentException for an unknown or computed parameter or a value that does not fit
     */
    public void setLocalValue(String path, String value) {
        model.setValue(path, value, ChangeOrigin.LOCAL);
    }

    public void addListener(CpeListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(CpeListener listener) {
        listeners.remove(listener);
    }

    /** Opens a session as soon as possible (after the running one, if any). */
    public void requestSession() {
        loop.requestSession();
    }

    // ---- wiring ----

    private String connectionRequestPassword(String username) {
        String expected = model.value(Device2Model.CONNECTION_REQUEST_USERNAME);
        // An empty ConnectionRequestUsername means no one may ask, not anyone.
        return !expected.isEmpty() && expected.equals(username)
                ? model.value(Device2Model.CONNECTION_REQUEST_PASSWORD) : null;
    }

    private void connectionRequest(boolean accepted) {
        if (accepted) {
            loop.requestSession(new EventStruct(EventCode.CONNECTION_REQUEST, ""));
        }
        notifyListeners(l -> l.connectionRequestReceived(accepted));
    }

    private void valuesChanged(Set<String> paths, ChangeOrigin origin) {
        persist();
        if (paths.contains(Device2Model.URL) && origin != ChangeOrigin.AGENT) {
            // A new ACS gets to know the device from scratch (TR-069 event 0 BOOTSTRAP).
            bootstrapDone = false;
            events.add(EventCode.BOOTSTRAP);
        }
        if (paths.contains(Device2Model.PERIODIC_INFORM_ENABLE) || paths.contains(Device2Model.PERIODIC_INFORM_INTERVAL)
                || paths.contains(Device2Model.PERIODIC_INFORM_TIME)) {
            loop.periodicInformChanged();
        }
    }

    private void eventsChanged() {
        persist();
        loop.wake();
    }

    private void persist() {
        if (!persisting) {
            return; // still building: start() writes the first state
        }
        synchronized (persistLock) {
            try {
                store.save(new AgentState(bootstrapDone, model.storedValues(), events.snapshot()));
            } catch (UncheckedIOException e) {
                log.error("cannot persist CPE state", e);
            }
        }
    }

    private void notifyListeners(Consumer<CpeListener> call) {
        for (CpeListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("listener failed", e);
            }
        }
    }

    private final class LoopCallbacks implements SessionLoop.Callbacks {
        @Override
        public void sessionStarted(List<EventStruct> sent) {
            notifyListeners(l -> l.sessionStarted(sent));
        }

        @Override
        public void informAccepted(List<EventStruct> delivered) {
            if (delivered.stream().anyMatch(e -> e.eventCode().equals(EventCode.BOOTSTRAP))) {
                bootstrapDone = true;
            }
            events.delivered(delivered); // persists
        }

        @Override
        public void sessionEnded(boolean ok, Throwable cause) {
            if (!ok) {
                log.info("session failed: {}", cause == null ? "?" : cause.toString());
            }
            notifyListeners(l -> l.sessionEnded(ok, cause));
        }
    }

    /** Builds a {@link CpeAgent}; acsUrl, stateDirectory and deviceId are required. */
    public static final class Builder {
        private URI acsUrl;
        private String acsUsername = "";
        private String acsPassword = "";
        private Path stateDirectory;
        private DeviceIdStruct deviceId;
        private String hardwareVersion = "1.0";
        private String softwareVersion = "1.0";
        private String connectionRequestUsername = "";
        private String connectionRequestPassword = "";
        private String connectionRequestHost = "127.0.0.1";
        private int connectionRequestPort = 0;
        private Duration periodicInformInterval;
        private Duration httpTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** ManagementServer.URL on the first start. */
        public Builder acsUrl(URI url) {
            this.acsUrl = Objects.requireNonNull(url);
            return this;
        }

        /** ManagementServer.Username and Password on the first start. */
        public Builder acsCredentials(String username, String password) {
            this.acsUsername = Objects.requireNonNull(username);
            this.acsPassword = Objects.requireNonNull(password);
            return this;
        }

        /** Where the agent keeps its state; created when missing. */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = Objects.requireNonNull(directory);
            return this;
        }

        /** DeviceInfo.Manufacturer, ManufacturerOUI, ProductClass and SerialNumber, on every start. */
        public Builder deviceId(DeviceIdStruct id) {
            this.deviceId = Objects.requireNonNull(id);
            return this;
        }

        /** DeviceInfo.HardwareVersion, on every start; "1.0" when not given. */
        public Builder hardwareVersion(String version) {
            this.hardwareVersion = Objects.requireNonNull(version);
            return this;
        }

        /** DeviceInfo.SoftwareVersion, on every start; "1.0" when not given. */
        public Builder softwareVersion(String version) {
            this.softwareVersion = Objects.requireNonNull(version);
            return this;
        }

        /**
         * ManagementServer.ConnectionRequestUsername and Password on the first start. Without them every connection
         * request is refused.
         */
        public Builder connectionRequestCredentials(String username, String password) {
            this.connectionRequestUsername = Objects.requireNonNull(username);
            this.connectionRequestPassword = Objects.requireNonNull(password);
            return this;
        }

        /** The address to listen on and to put in ConnectionRequestURL; port 0 takes any free port. Default 127.0.0.1:0. */
        public Builder connectionRequestAddress(String host, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.connectionRequestHost = Objects.requireNonNull(host);
            this.connectionRequestPort = port;
            return this;
        }

        /** PeriodicInformInterval (whole seconds, at least one) and PeriodicInformEnable=true on the first start. */
        public Builder periodicInformInterval(Duration interval) {
            if (interval.toSeconds() < 1) {
                throw new IllegalArgumentException("the periodic inform interval is at least one second");
            }
            this.periodicInformInterval = interval;
            return this;
        }

        /** How long to wait for the ACS to connect or answer; 30 s by default, as TR-069 asks. */
        public Builder httpTimeout(Duration timeout) {
            this.httpTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Reads the state directory and builds the agent (not started).
         *
         * @throws IllegalStateException when a required value is missing
         * @throws UncheckedIOException  when the state file exists but cannot be read
         */
        public CpeAgent build() {
            if (acsUrl == null || stateDirectory == null || deviceId == null) {
                throw new IllegalStateException("acsUrl, stateDirectory and deviceId are required");
            }
            return new CpeAgent(this);
        }
    }
}
