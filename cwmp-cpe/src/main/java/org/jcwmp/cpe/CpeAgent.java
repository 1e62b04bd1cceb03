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
import org.jcwmp.core.rpc.ChangeDUState;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.AllQueuedTransferStruct;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.ScheduleDownload;
import org.jcwmp.core.rpc.Upload;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.cpe.session.OutboxSource;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.SetParameterAttributesStruct;
import org.jcwmp.core.xmpp.XmppTrust;
import org.jcwmp.cpe.connreq.ConnectionRequestListener;
import org.jcwmp.cpe.connreq.RateLimit;
import org.jcwmp.cpe.model.AgentParameters;
import org.jcwmp.cpe.model.ChangeOrigin;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.model.DataModel;
import org.jcwmp.cpe.model.DeviceProfile;
import org.jcwmp.cpe.model.ModelListener;
import org.jcwmp.cpe.session.CpeMethods;
import org.jcwmp.cpe.session.DeviceActions;
import org.jcwmp.cpe.session.EventQueue;
import org.jcwmp.cpe.session.Outboxes;
import org.jcwmp.cpe.session.ScheduledInforms;
import org.jcwmp.cpe.session.ScheduledInforms.ScheduledInform;
import org.jcwmp.cpe.session.SessionClient;
import org.jcwmp.cpe.session.SessionLoop;
import org.jcwmp.cpe.session.ValueChanges;
import org.jcwmp.cpe.software.DeploymentUnitInstaller;
import org.jcwmp.cpe.software.SoftwareModules;
import org.jcwmp.cpe.state.AgentState;
import org.jcwmp.cpe.state.StateStore;
import org.jcwmp.cpe.transfer.ConfigurationFileHandler;
import org.jcwmp.cpe.transfer.Downloader;
import org.jcwmp.cpe.transfer.FirmwareInstaller;
import org.jcwmp.cpe.transfer.JsonConfigurationFile;
import org.jcwmp.cpe.transfer.Transfers;
import org.jcwmp.cpe.transfer.Uploader;
import org.jcwmp.cpe.transfer.VendorLogFile;
import org.jcwmp.cpe.xmpp.XmppConnectionState;
import javax.net.ssl.X509TrustManager;
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
 *
 * <p>Transfers ({@link Transfers}, persisted): a Download or ScheduleDownload of a firmware image is fetched, handed
 * to the {@link FirmwareInstaller} and followed by the same reboot (the next Inform carries 7 TRANSFER COMPLETE,
 * M Download or M ScheduleDownload, 1 BOOT and the new SoftwareVersion); web content is stored in the state
 * directory, a vendor configuration file goes to the {@link ConfigurationFileHandler} (by default
 * {@link JsonConfigurationFile}); an Upload sends the configuration or the {@link VendorLogFile}. Each completion is
 * a TransferComplete (AutonomousTransferComplete for {@link #autonomousDownload}) kept, with the events that announce
 * it, until the ACS answered. See docs/transfers.md.
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
    private final Transfers transfers;
    private final VendorLogFile vendorLog;
    private final Outboxes outboxes;
    private final SoftwareModules software;
    private final List<CpeListener> listeners = new CopyOnWriteArrayList<>();
    private final boolean firstStart;
    private final Object persistLock = new Object();
    private volatile long bootNanos = System.nanoTime();
    private volatile boolean bootstrapDone;
    private volatile boolean persisting;
    /** Set while the agent rewrites its own model (factory reset): nothing to notify. */
    private volatile boolean quiet;
    private ConnectionRequestListener connectionRequests;
    private volatile ConnectionRequestChannels channels;
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
        this.vendorLog = new VendorLogFile(b.vendorLogLines);
        this.transfers = new Transfers(b.stateDirectory, new Downloader(b.httpTimeout, b.tls), new Uploader(b.httpTimeout, b.tls),
                b.firmwareInstaller, b.configurationFileHandler != null ? b.configurationFileHandler
                : new JsonConfigurationFile(model));
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
        this.software = new SoftwareModules(model, b.stateDirectory, new Downloader(b.httpTimeout, b.tls),
                b.deploymentUnitInstaller);
        if (software.supported()) {
            methods.register(ChangeDUState.class, software::changeDUState);
        }
        // What the agent owes the ACS after an Inform, one source per kind of request.
        this.outboxes = new Outboxes(events, List.of(transfers.outbox(), softwareOutbox()));
        this.client = new SessionClient(b.httpTimeout, b.tls);
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
        String ms = profile.rootObject() + "ManagementServer.";
        if (b.stunServerHost != null) {
            set(ms + "STUNEnable", "true");
            set(ms + "STUNServerAddress", b.stunServerHost);
            set(ms + "STUNServerPort", Integer.toString(b.stunServerPort));
            set(ms + "STUNUsername", b.stunUsername);
            set(ms + "STUNPassword", b.stunPassword);
            set(ms + "STUNMinimumKeepAlivePeriod", Long.toString(Math.max(1, b.stunKeepAlive.toSeconds())));
            // The ACS learns a moved binding from an Inform only if the parameter is on active notification
            // (TR-069 Annex G asks the ACS to set it so); a device configured for STUN starts that way.
            activeNotification(ms + "UDPConnectionRequestAddress");
        }
        if (b.xmppDomain != null) {
            String conn = profile.rootObject() + "XMPP.Connection.1.";
            if (!model.contains(conn + "Enable")) {
                throw new IllegalArgumentException("profile " + profile.name() + " has no " + conn);
            }
            set(conn + "Username", b.xmppUsername);
            set(conn + "Password", b.xmppPassword);
            set(conn + "Domain", b.xmppDomain);
            set(conn + "Resource", b.xmppResource);
            set(conn + "UseTLS", Boolean.toString(b.xmppUseTls));
            set(conn + "Server.1.ServerAddress", b.xmppServerHost);
            set(conn + "Server.1.Port", Integer.toString(b.xmppServerPort));
            set(conn + "Enable", "true");
            set(ms + "ConnReqAllowedJabberIDs", b.xmppAllowedJabberIds);
            set(ms + "ConnReqXMPPConnection", conn);
        }
    }

    private void activeNotification(String path) {
        if (!model.contains(path)) {
            return;
        }
        try {
            model.setParameterAttributes(List.of(new SetParameterAttributesStruct(path, true, 2, false, null)));
        } catch (CpeFaultException e) {
            log.warn("{}: active notification refused: {}", path, e.getMessage());
        }
    }

    private void applyDeviceFacts() {
        Builder b = config;
        set(known.manufacturer(), b.deviceId.manufacturer());
        set(known.manufacturerOui(), b.deviceId.oui());
        set(known.productClass(), b.deviceId.productClass());
        set(known.serialNumber(), b.deviceId.serialNumber());
        set(known.hardwareVersion(), b.hardwareVersion);
        // An installed firmware image's version wins over the builder's (the device runs that image now).
        set(known.softwareVersion(), transfers.installedSoftwareVersion().orElse(b.softwareVersion));
        String methods = profile.rootObject() + "ManagementServer.SupportedConnReqMethods";
        if (model.contains(methods)) {
            set(methods, "HTTP,STUN,XMPP");
        }
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
        String publicPath = config.connectionRequestPublicUrl == null ? null
                : config.connectionRequestPublicUrl.getPath();
        String path = publicPath != null && !publicPath.isEmpty() && !publicPath.equals("/") ? publicPath
                : previousPath != null && previousPath.startsWith("/cr/") ? previousPath : null;
        connectionRequests = new ConnectionRequestListener(config.connectionRequestHost, config.connectionRequestPort,
                path,
                this::connectionRequestPassword, this::connectionRequest,
                new RateLimit(ConnectionRequestListener.DEFAULT_MAX_PER_SECOND, Duration.ofSeconds(1)));
        try {
            connectionRequests.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for connection requests on "
                    + config.connectionRequestHost + ":" + config.connectionRequestPort, e);
        }
        set(known.connectionRequestUrl(), reportedConnectionRequestUrl());

        persisting = true;
        persist();
        model.addListener(new Changes());
        channels = new ConnectionRequestChannels(model, config.connectionRequestHost, this::connectionRequestPassword,
                this::connectionRequestAccepted, config.xmppTrust());
        channels.apply(false);
        loop.start("cwmp-session-" + model.value(known.serialNumber()));
        transfers.start(new TransferDevice());
        software.start(loop::queue, events.snapshot());
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
        if (channels != null) {
            channels.close();
        }
        transfers.stop();
        software.stop();
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

    /**
     * The ConnectionRequestURL the agent reports: the listener's own, or with {@link Builder#connectionRequestPublicUrl}
     * the public one a port forwarding maps to it.
     */
    public synchronized URI connectionRequestUrl() {
        if (connectionRequests == null) {
            throw new IllegalStateException("not started");
        }
        return URI.create(reportedConnectionRequestUrl());
    }

    /** The URL the HTTP listener itself answers on (the same as {@link #connectionRequestUrl()} without a public URL). */
    public synchronized URI connectionRequestListenerUrl() {
        if (connectionRequests == null) {
            throw new IllegalStateException("not started");
        }
        return connectionRequests.url();
    }

    private String reportedConnectionRequestUrl() {
        URI listening = connectionRequests.url();
        URI pub = config.connectionRequestPublicUrl;
        if (pub == null) {
            return listening.toString();
        }
        String path = pub.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return pub.getScheme() + "://" + pub.getRawAuthority() + listening.getRawPath();
        }
        return pub.toString();
    }

    /** The UDP port of the STUN client (where UDP connection requests arrive), or -1 when STUN is off. */
    public int stunPort() {
        ConnectionRequestChannels c = channels;
        return c == null ? -1 : c.stunPort();
    }

    /** The XMPP connection request listener's state, or empty when none runs. */
    public Optional<XmppConnectionState> xmppState() {
        ConnectionRequestChannels c = channels;
        return c == null ? Optional.empty() : Optional.ofNullable(c.xmppState());
    }

    /** Software modules: deployment units the local user installs, updates or removes (reported to the ACS). */
    public SoftwareModules softwareModules() {
        return software;
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

    /**
     * A download the device does by itself (not asked by the ACS): {@code url} is fetched now and used as the
     * {@code fileType} says (as for a Download); the result is reported with AutonomousTransferComplete in a session
     * whose Inform carries 10 AUTONOMOUS TRANSFER COMPLETE, kept until the ACS answered.
     *
     * @param fileType "1 Firmware Upgrade Image" (the agent reboots after it), "2 Web Content" or
     *                 "3 Vendor Configuration File"
     * @throws IllegalArgumentException for an unsupported file type or URL scheme
     */
    public void autonomousDownload(String url, String fileType) {
        autonomous(true, url, fileType);
    }

    /**
     * An upload the device does by itself: "1 Vendor Configuration File" or "2 Vendor Log File" is PUT to
     * {@code url} now, and reported as {@link #autonomousDownload} is.
     *
     * @throws IllegalArgumentException for an unsupported file type or URL scheme
     */
    public void autonomousUpload(String url, String fileType) {
        autonomous(false, url, fileType);
    }

    private void autonomous(boolean download, String url, String fileType) {
        try {
            transfers.autonomous(download, Objects.requireNonNull(url), Objects.requireNonNull(fileType), "");
        } catch (CpeFaultException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        vendorLog.add("autonomous " + (download ? "download " : "upload ") + fileType + " " + url);
    }

    /** The transfers queued and not yet complete, as GetAllQueuedTransfers reports them. */
    public List<AllQueuedTransferStruct> queuedTransfers() {
        return transfers.queuedTransfers();
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
        vendorLog.add(accepted ? "connection request accepted" : "connection request refused");
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
            ConnectionRequestChannels c = channels;
            if (c != null && c.concerns(paths)) {
                c.changed();
            }
        }

        @Override
        public void instancesChanged(ChangeOrigin origin) {
            persist();
            ConnectionRequestChannels c = channels;
            if (c != null && !quiet) {
                c.changed(); // e.g. the XMPP connection ConnReqXMPPConnection points at was deleted
            }
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
            loop.afterSession(() -> restart(List.of(new EventStruct(EventCode.M_REBOOT, commandKey))));
        }

        @Override
        public List<AllQueuedTransferStruct> queuedTransfers() {
            return transfers.queuedTransfers();
        }

        @Override
        public void download(Download request) throws CpeFaultException {
            logged("Download " + request.commandKey() + " " + request.fileType() + " " + request.url(),
                    () -> transfers.accept(request));
        }

        @Override
        public void upload(Upload request) throws CpeFaultException {
            logged("Upload " + request.commandKey() + " " + request.fileType() + " " + request.url(),
                    () -> transfers.accept(request));
        }

        @Override
        public void scheduleDownload(ScheduleDownload request) throws CpeFaultException {
            logged("ScheduleDownload " + request.commandKey() + " " + request.fileType() + " " + request.url(),
                    () -> transfers.accept(request));
        }

        @Override
        public void cancelTransfer(String commandKey) throws CpeFaultException {
            logged("CancelTransfer " + commandKey, () -> transfers.cancel(commandKey));
        }

        /** Logs the request before it runs (a transfer may start at once), then its refusal if it is refused. */
        private void logged(String request, TransferCall call) throws CpeFaultException {
            vendorLog.add(request);
            try {
                call.run();
            } catch (CpeFaultException e) {
                vendorLog.add("refused with " + e.fault().faultCode() + ": " + e.fault().faultString());
                throw e;
            }
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

    /** The DU state change completes the agent owes the ACS; Outboxes releases their events once none holds them. */
    private OutboxSource softwareOutbox() {
        return new OutboxSource() {
            @Override
            public List<? extends CwmpRequest> pending(List<EventStruct> informEvents) {
                return software.pending(informEvents);
            }

            @Override
            public void answered(CwmpRequest request) {
                software.answered(request);
            }

            @Override
            public boolean holds(EventStruct event) {
                return software.holds(event);
            }
        };
    }

    /** A call on the transfer queue that a CPE may refuse with a fault. */
    @FunctionalInterface
    private interface TransferCall {
        void run() throws CpeFaultException;
    }

    /** What a finished transfer asks of the agent. */
    private final class TransferDevice implements Transfers.Device {
        @Override
        public void firmwareInstalled(List<EventStruct> transferEvents) {
            vendorLog.add("firmware installed " + transferEvents);
            loop.afterSession(() -> restart(transferEvents));
        }

        @Override
        public void transferCompleted(List<EventStruct> transferEvents) {
            vendorLog.add("transfer complete " + transferEvents);
            loop.queue(transferEvents);
        }

        @Override
        public byte[] vendorConfigurationFile() {
            return JsonConfigurationFile.write(model);
        }

        @Override
        public byte[] vendorLogFile() {
            return vendorLog.content();
        }
    }

    /**
     * The simulated reboot, on the loop's thread between sessions: what survives is what was on disk. The next
     * Inform carries 1 BOOT and {@code why} (M Reboot, or 7 TRANSFER COMPLETE + M Download).
     */
    private void restart(List<EventStruct> why) {
        log.info("rebooting ({})", why);
        vendorLog.add("reboot " + why);
        channels.closeChannels();
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
            set(known.connectionRequestUrl(), reportedConnectionRequestUrl());
            bootNanos = System.nanoTime();
        } finally {
            quiet = false;
        }
        channels.apply(true);
        why.forEach(events::add);
        events.add(EventCode.BOOT);
        notifyListeners(l -> l.restarted(false));
    }

    /** The simulated factory reset: the profile's model, the builder's configuration, a fresh bootstrap. */
    private void resetToFactoryDefaults() {
        log.info("factory reset");
        vendorLog.add("factory reset");
        channels.closeChannels();
        quiet = true;
        try {
            model.reset();
            applyFirstStartConfiguration();
            applyDeviceFacts();
            set(known.connectionRequestUrl(), reportedConnectionRequestUrl());
            bootNanos = System.nanoTime();
            bootstrapDone = false;
        } finally {
            quiet = false;
        }
        channels.apply(true);
        changes.clear();
        scheduled.clear();
        transfers.reset();
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
                store.save(new AgentState(profile.name(), bootstrapDone, model.snapshot(), events.persistent(),
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
            vendorLog.add("session started " + sent);
            notifyListeners(l -> l.sessionStarted(sent));
        }

        @Override
        public void informAccepted(List<EventStruct> delivered) {
            if (delivered.stream().anyMatch(e -> e.eventCode().equals(EventCode.BOOTSTRAP))) {
                bootstrapDone = true;
            }
            // 7 TRANSFER COMPLETE, M Download, 11 DU STATE CHANGE COMPLETE ... stay until the ACS answered what they announce (TR-069 3.7.1.5).
            outboxes.informAccepted(delivered); // persists
        }

        @Override
        public SessionClient.Outbox outbox() {
            return outboxes;
        }

        @Override
        public void sessionEnded(boolean ok, Throwable cause) {
            vendorLog.add(ok ? "session ended" : "session failed: " + (cause == null ? "?" : cause.toString()));
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
        private javax.net.ssl.SSLContext tls;
        private FirmwareInstaller firmwareInstaller = FirmwareInstaller.fromFileName();
        private ConfigurationFileHandler configurationFileHandler;
        private int vendorLogLines = 1000;
        private DeploymentUnitInstaller deploymentUnitInstaller = DeploymentUnitInstaller.recordOnly();
        private URI connectionRequestPublicUrl;
        private String stunServerHost;
        private int stunServerPort = 3478;
        private String stunUsername = "";
        private String stunPassword = "";
        private Duration stunKeepAlive = Duration.ofSeconds(30);
        private String xmppServerHost = "";
        private int xmppServerPort = 5222;
        private String xmppDomain;
        private String xmppUsername = "";
        private String xmppPassword = "";
        private String xmppResource = "";
        private String xmppAllowedJabberIds = "";
        private boolean xmppUseTls = true;
        private X509TrustManager xmppTrust;
        private Path xmppCaPem;

        private Builder() {
        }

        /** The trust for the XMPP server's certificate: the manager given, else the PEM file's CAs, else the JDK's. */
        X509TrustManager xmppTrust() {
            if (xmppTrust != null) {
                return xmppTrust;
            }
            if (xmppCaPem == null) {
                return null;
            }
            try {
                return XmppTrust.fromPem(xmppCaPem);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the XMPP CA certificates in " + xmppCaPem, e);
            }
        }

        /**
         * The ConnectionRequestURL to report instead of the listener's own, for a gateway that forwards a public port
         * to {@link #connectionRequestAddress}. A URL without a path gets the listener's random path appended; with
         * a path the listener answers on that path.
         */
        public Builder connectionRequestPublicUrl(String url) {
            URI u = URI.create(Objects.requireNonNull(url));
            if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("not an http URL with a host: " + url);
            }
            this.connectionRequestPublicUrl = u;
            return this;
        }

        /**
         * STUN (TR-111) on the first start: STUNEnable true, STUNServerAddress ({@code host}, empty for the ACS URL's
         * host), STUNServerPort, STUNUsername/STUNPassword (empty username: no integrity) and
         * STUNMinimumKeepAlivePeriod (whole seconds, at least one); UDPConnectionRequestAddress on active
         * notification, so the ACS hears of a moved binding at once.
         */
        public Builder stun(String host, int port, String username, String password, Duration keepAlive) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("STUN port " + port);
            }
            if (keepAlive.toSeconds() < 1) {
                throw new IllegalArgumentException("the STUN keep-alive period is at least one second");
            }
            this.stunServerHost = Objects.requireNonNull(host);
            this.stunServerPort = port;
            this.stunUsername = Objects.requireNonNull(username);
            this.stunPassword = Objects.requireNonNull(password);
            this.stunKeepAlive = keepAlive;
            return this;
        }

        /**
         * XMPP connection requests (TR-069 Annex K) on the first start: Device.XMPP.Connection.1. enabled with these
         * values, ManagementServer.ConnReqXMPPConnection pointing at it and ConnReqAllowedJabberIDs.
         *
         * @param serverHost  Server.1.ServerAddress (empty: the domain)
         * @param allowedJids ConnReqAllowedJabberIDs, comma-separated; empty lets anyone ask
         * @param trust       the CAs for the server's certificate; null for the JDK's
         * @param useTls      UseTLS (false still uses TLS when the server requires it)
         */
        public Builder xmpp(String serverHost, int port, String domain, String username, String password,
                            String resource, String allowedJids, X509TrustManager trust, boolean useTls) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("XMPP port " + port);
            }
            if (Objects.requireNonNull(domain).isBlank() || Objects.requireNonNull(username).isBlank()) {
                throw new IllegalArgumentException("the XMPP domain and username are required");
            }
            this.xmppServerHost = Objects.requireNonNullElse(serverHost, "");
            this.xmppServerPort = port;
            this.xmppDomain = domain;
            this.xmppUsername = username;
            this.xmppPassword = Objects.requireNonNull(password);
            this.xmppResource = Objects.requireNonNullElse(resource, "");
            this.xmppAllowedJabberIds = Objects.requireNonNullElse(allowedJids, "");
            this.xmppTrust = trust;
            this.xmppCaPem = null;
            this.xmppUseTls = useTls;
            return this;
        }

        /** As the other {@code xmpp}, trusting the CA certificates of a PEM file (null: the JDK's). */
        public Builder xmpp(String serverHost, int port, String domain, String username, String password,
                            String resource, String allowedJids, Path caPem, boolean useTls) {
            xmpp(serverHost, port, domain, username, password, resource, allowedJids, (X509TrustManager) null, useTls);
            this.xmppCaPem = caPem;
            return this;
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

        /**
         * Installs downloaded firmware images (Download FileType "1 Firmware Upgrade Image") and names the new
         * SoftwareVersion; by default {@link FirmwareInstaller#fromFileName()} (e.g. {@code fw-2.1.bin} -> "2.1").
         */
        public Builder firmwareInstaller(FirmwareInstaller installer) {
            this.firmwareInstaller = Objects.requireNonNull(installer);
            return this;
        }

        /**
         * Applies downloaded "3 Vendor Configuration File"s; by default {@link JsonConfigurationFile} on the agent's
         * data model (see docs/transfers.md).
         */
        public Builder configurationFileHandler(ConfigurationFileHandler handler) {
            this.configurationFileHandler = Objects.requireNonNull(handler);
            return this;
        }

        /** How many lines the in-memory "2 Vendor Log File" keeps (the oldest go first); 1000 by default. */
        public Builder vendorLogLines(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("at least one line, not " + lines);
            }
            this.vendorLogLines = lines;
            return this;
        }

        /**
         * TLS towards the ACS and file servers (https URLs): trust the CAs of this PEM bundle (null: the JDK's public
         * CAs) and present this client certificate chain and key (both null: none). The files are read here; a bad
         * one is an IllegalArgumentException naming it.
         */
        public Builder tls(Path caBundle, Path clientCertificate, Path clientKey) {
            if ((clientCertificate == null) != (clientKey == null)) {
                throw new IllegalArgumentException("a client certificate goes with its key");
            }
            try {
                this.tls = org.jcwmp.core.tls.TlsContexts.client(caBundle, clientCertificate, clientKey);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("TLS: " + e.getMessage(), e);
            }
            return this;
        }

        /** Installs deployment units (ChangeDUState); by default {@link DeploymentUnitInstaller#recordOnly()}. */
        public Builder deploymentUnitInstaller(DeploymentUnitInstaller installer) {
            this.deploymentUnitInstaller = Objects.requireNonNull(installer);
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
            xmppTrust(); // a bad PEM file fails here, not in the background
            return new CpeAgent(this);
        }
    }
}
