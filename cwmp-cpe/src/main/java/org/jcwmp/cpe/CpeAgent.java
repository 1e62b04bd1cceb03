package org.jcwmp.cpe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.cpe.connreq.ConnectionRequestListener;
import org.jcwmp.cpe.connreq.RateLimit;
import org.jcwmp.cpe.model.AgentParameters;
import org.jcwmp.cpe.model.ChangeOrigin;
import org.jcwmp.cpe.model.DataModel;
import org.jcwmp.cpe.model.DeviceProfile;
import org.jcwmp.cpe.model.ModelListener;
import org.jcwmp.cpe.session.CpeMethods;
import org.jcwmp.cpe.session.DeviceActions;
import org.jcwmp.cpe.session.EventQueue;
import org.jcwmp.cpe.session.ScheduledInforms;
import org.jcwmp.cpe.session.ScheduledInforms.ScheduledInform;
import org.jcwmp.cpe.session.SessionClient;
import org.jcwmp.cpe.session.SessionLoop;
import org.jcwmp.cpe.session.ValueChanges;
import org.jcwmp.cpe.state.AgentState;
import org.jcwmp.cpe.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TR-069 CPE agent: the data model (from a device profile), the session loop towards the ACS, the connection
 * request listener and the persistent state that ties them together across restarts.
 *
 * <pre>{@code
 * try (CpeAgent agent = CpeAgent.builder()
 *         .profile("home-gateway")
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
 * applied on the very first start and after a factory reset; otherwise the persisted model wins, so what the ACS
 * changed survives a restart. The device's facts (DeviceId, hardware and software version) come from the builder on
 * every start, since they describe the device as it is now (a firmware upgrade changes SoftwareVersion).
 *
 * <p>Notifications: a change not made by the ACS to a parameter with Notification 1 (passive) rides the next Inform
 * with 4 VALUE CHANGE; with Notification 2 (active) it starts a session at once. Reboot and FactoryReset are
 * simulated after the session that asked for them: the session side stops, the state is read back from disk (or
 * wiped, for a factory reset) and the next Inform carries M Reboot + 1 BOOT (or 0 BOOTSTRAP + 1 BOOT).
 */
public final class CpeAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CpeAgent.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Builder config;
    private final DeviceProfile profile;
    private final AgentParameters known;
    private final StateStore store;
    private final DataModel model;
    private final EventQueue events;
    private final ValueChanges changes;
    private final ScheduledInforms scheduled;
    private final CpeMethods methods;
    private final SessionClient client;
    private final SessionLoop loop;
    private final List<CpeListener> listeners = new CopyOnWriteArrayList<>();
    private final boolean firstStart;
    private final Object persistLock = new Object();
    private volatile long bootNanos = System.nanoTime();
    private volatile boolean bootstrapDone;
    private volatile boolean persisting;
    /** Set while the agent rewrites its own model (factory reset): nothing to notify. */
    private volatile boolean quiet;
    private ConnectionRequestListener connectionRequests;
    private boolean started;
    private boolean stopped;

    private CpeAgent(Builder b) {
        this.config = b;
        this.profile = b.profile != null ? b.profile : DeviceProfile.load(b.profileName);
        this.known = new AgentParameters(profile.rootObject());
        List<String> missing = known.required().stream().filter(p -> !profile.supportsParameter(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("profile " + profile.name() + " lacks what the agent needs: " + missing);
        }
        this.store = new StateStore(b.stateDirectory);
        Optional<AgentState> saved = store.load();
        if (saved.isPresent() && saved.get().profile() != null && !saved.get().profile().equals(profile.name())) {
            throw new IllegalStateException("the state in " + b.stateDirectory + " belongs to profile "
                    + saved.get().profile() + ", not " + profile.name());
        }
        this.firstStart = saved.isEmpty();
        this.model = new DataModel(profile);
        model.bind(known.upTime(), () -> Long.toString(Math.min((System.nanoTime() - bootNanos) / 1_000_000_000L,
                0xFFFF_FFFFL)));
        model.bind(known.currentLocalTime(), CwmpDateTime::now);
        if (saved.isPresent()) {
            Set<String> skipped = model.restore(saved.get().model());
            if (!skipped.isEmpty()) {
                log.warn("state values no longer in the model, dropped: {}", skipped);
            }
            bootstrapDone = saved.get().bootstrapDone();
        } else {
            applyFirstStartConfiguration();
        }
        applyDeviceFacts();
        this.events = new EventQueue(saved.map(AgentState::pendingEvents).orElse(List.of()), this::eventsChanged);
        this.changes = new ValueChanges(saved.map(AgentState::pendingChanges).orElse(List.of()), this::persist);
        this.scheduled = new ScheduledInforms(saved.map(AgentState::scheduledInforms).orElse(List.of()),
                this::eventsChanged);
        this.methods = new CpeMethods(model, new Actions());
        this.client = new SessionClient(b.httpTimeout);
        this.loop = new SessionLoop(model, events, changes, scheduled, client, methods, new LoopCallbacks(),
                Clock.systemUTC(), RandomGenerator.getDefault());
    }

    public static Builder builder() {
        return new Builder();
    }

    private void applyFirstStartConfiguration() {
        Builder b = config;
        set(known.url(), b.acsUrl.toString());
        set(known.username(), b.acsUsername);
        set(known.password(), b.acsPassword);
        set(known.connectionRequestUsername(), b.connectionRequestUsername);
        set(known.connectionRequestPassword(), b.connectionRequestPassword);
        if (b.periodicInformInterval != null) {
            set(known.periodicInformInterval(), Long.toString(b.periodicInformInterval.toSeconds()));
            set(known.periodicInformEnable(), "true");
        }
    }

    private void applyDeviceFacts() {
        Builder b = config;
        set(known.manufacturer(), b.deviceId.manufacturer());
        set(known.manufacturerOui(), b.deviceId.oui());
        set(known.productClass(), b.deviceId.productClass());
        set(known.serialNumber(), b.deviceId.serialNumber());
        set(known.hardwareVersion(), b.hardwareVersion);
        set(known.softwareVersion(), b.softwareVersion);
    }

    private void set(String path, String value) {
        if (model.contains(path)) {
            model.setValue(path, value == null ? "" : value, ChangeOrigin.AGENT);
        }
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

        String previousUrl = model.value(known.connectionRequestUrl());
        String previousPath = URI.create(previousUrl.isEmpty() ? "x:/" : previousUrl).getPath();
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
        set(known.connectionRequestUrl(), connectionRequests.url().toString());

        persisting = true;
        persist();
        model.addListener(new Changes());
        loop.start("cwmp-session-" + model.value(known.serialNumber()));
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

    /** The device profile the agent was built from. */
    public DeviceProfile profile() {
        return profile;
    }

    /**
     * The data model, for device code that reads values or watches changes ({@link DataModel#addListener}). Change
     * values through {@link #setLocalValue} or {@link DataModel#setValue} with origin LOCAL, so notifications work.
     */
    public DataModel model() {
        return model;
    }

    /**
     * A parameter's current value as the device sees it (passwords included).
     *
     * @throws IllegalArgumentException when the device has no such parameter
     */
    public String parameterValue(String path) {
        return model.value(path);
    }

    /**
     * A change made on the device itself (its UI, its firmware). Checked against the schema, persisted, notified to
     * the ACS when the parameter's Notification asks for it.
     *
     * @throws IllegalArgumentException for an unknown or computed parameter or a value that does not fit
     */
    public void setLocalValue(String path, String value) {
        model.setValue(path, value, ChangeOrigin.LOCAL);
    }

    /**
     * An instance the device itself creates (a host joined the LAN), with the profile's values and these.
     *
     * @param tablePath e.g. "Device.Hosts.Host."
     * @return the new instance's path, e.g. "Device.Hosts.Host.2."
     * @throws IllegalArgumentException when there is no such table, it is full, or a value does not fit
     */
    public String addLocalObject(String tablePath, Map<String, String> values) {
        return model.addInstance(tablePath, values, ChangeOrigin.LOCAL);
    }

    /** Deletes an instance the device itself removes (a host left). */
    public void deleteLocalObject(String instancePath) {
        model.deleteInstance(instancePath, ChangeOrigin.LOCAL);
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

    /**
     * A connection request that another channel (UDP via STUN, XMPP) received and verified: a session with
     * 6 CONNECTION REQUEST follows, and listeners hear of it as of an HTTP one.
     */
    public void connectionRequestAccepted() {
        connectionRequest(true);
    }

    // ---- wiring ----

    private String connectionRequestPassword(String username) {
        String expected = model.value(known.connectionRequestUsername());
        // An empty ConnectionRequestUsername means no one may ask, not anyone.
        return !expected.isEmpty() && expected.equals(username)
                ? model.value(known.connectionRequestPassword()) : null;
    }

    private void connectionRequest(boolean accepted) {
        if (accepted) {
            loop.requestSession(new EventStruct(EventCode.CONNECTION_REQUEST, ""));
        }
        notifyListeners(l -> l.connectionRequestReceived(accepted));
    }

    /** Persists every change; turns changes the ACS did not make into notifications. */
    private final class Changes implements ModelListener {
        @Override
        public void valuesChanged(Set<String> paths, ChangeOrigin origin) {
            persist();
            if (quiet) {
                return;
            }
            if (origin != ChangeOrigin.ACS) {
                List<String> notified = new ArrayList<>();
                boolean active = false;
                for (String path : paths) {
                    int notification = model.notification(path);
                    if (notification > 0) {
                        notified.add(path);
                        active |= notification == 2;
                    }
                }
                changes.add(notified);
                if (active) {
                    events.add(EventCode.VALUE_CHANGE); // wakes the loop: a session now
                }
            }
            if (paths.contains(known.url()) && origin != ChangeOrigin.AGENT) {
                // A new ACS gets to know the device from scratch (TR-069 event 0 BOOTSTRAP).
                bootstrapDone = false;
                events.add(EventCode.BOOTSTRAP);
            }
            if (paths.contains(known.periodicInformEnable()) || paths.contains(known.periodicInformInterval())
                    || paths.contains(known.periodicInformTime())) {
                loop.periodicInformChanged();
            }
        }

        @Override
        public void instancesChanged(ChangeOrigin origin) {
            persist();
        }

        @Override
        public void attributesChanged() {
            persist();
        }
    }

    /** Reboot, FactoryReset and ScheduleInform as the ACS asks for them. */
    private final class Actions implements DeviceActions {
        @Override
        public void reboot(String commandKey) {
            loop.afterSession(() -> restart(commandKey));
        }

        @Override
        public void factoryReset() {
            loop.afterSession(CpeAgent.this::resetToFactoryDefaults);
        }

        @Override
        public void scheduleInform(long delaySeconds, String commandKey) {
            scheduled.add(new ScheduledInform(Instant.now().plusSeconds(delaySeconds), commandKey));
        }
    }

    /** The simulated reboot, on the loop's thread between sessions: what survives is what was on disk. */
    private void restart(String commandKey) {
        log.info("rebooting (CommandKey {})", commandKey);
        quiet = true;
        try {
            synchronized (persistLock) {
                store.load().ifPresent(s -> {
                    Set<String> skipped = model.restore(s.model());
                    if (!skipped.isEmpty()) {
                        log.warn("state values no longer in the model, dropped: {}", skipped);
                    }
                });
            }
            applyDeviceFacts();
            set(known.connectionRequestUrl(), connectionRequests.url().toString());
            bootNanos = System.nanoTime();
        } finally {
            quiet = false;
        }
        events.add(new EventStruct(EventCode.M_REBOOT, commandKey));
        events.add(EventCode.BOOT);
        notifyListeners(l -> l.restarted(false));
    }

    /** The simulated factory reset: the profile's model, the builder's configuration, a fresh bootstrap. */
    private void resetToFactoryDefaults() {
        log.info("factory reset");
        quiet = true;
        try {
            model.reset();
            applyFirstStartConfiguration();
            applyDeviceFacts();
            set(known.connectionRequestUrl(), connectionRequests.url().toString());
            bootNanos = System.nanoTime();
            bootstrapDone = false;
        } finally {
            quiet = false;
        }
        changes.clear();
        scheduled.clear();
        events.replaceAll(List.of(new EventStruct(EventCode.BOOTSTRAP, ""), new EventStruct(EventCode.BOOT, "")));
        notifyListeners(l -> l.restarted(true));
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
                store.save(new AgentState(profile.name(), bootstrapDone, model.snapshot(), events.snapshot(),
                        changes.paths(), scheduled.snapshot()));
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
        private String profileName = DeviceProfile.HOME_GATEWAY;
        private DeviceProfile profile;
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

        /**
         * A device profile shipped with the agent: "home-gateway" (Device:2, the default) or "legacy-gateway"
         * (InternetGatewayDevice:1). See {@link DeviceProfile#names()}.
         */
        public Builder profile(String name) {
            this.profileName = Objects.requireNonNull(name);
            this.profile = null;
            return this;
        }

        /** A device profile of one's own, e.g. {@link DeviceProfile#read} of a JSON file. */
        public Builder profile(DeviceProfile profile) {
            this.profile = Objects.requireNonNull(profile);
            return this;
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
         * Reads the profile and the state directory and builds the agent (not started).
         *
         * @throws IllegalStateException    when a required value is missing, or the state directory belongs to
         *                                  another profile
         * @throws IllegalArgumentException when the profile does not fit its schema or lacks what the agent needs
         * @throws UncheckedIOException     when the state file exists but cannot be read
         */
        public CpeAgent build() {
            if (acsUrl == null || stateDirectory == null || deviceId == null) {
                throw new IllegalStateException("acsUrl, stateDirectory and deviceId are required");
            }
            return new CpeAgent(this);
        }
    }
}
