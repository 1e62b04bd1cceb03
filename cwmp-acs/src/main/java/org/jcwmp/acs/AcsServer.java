package org.jcwmp.acs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.jcwmp.acs.cluster.Cluster;
import org.jcwmp.acs.cluster.PostgresCluster;
import org.jcwmp.acs.connreq.ConnectionRequester;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.stun.StunServer;
import org.jcwmp.acs.xmpp.XmppConnectionRequester;
import org.jcwmp.acs.nbi.Operations;
import org.jcwmp.acs.session.CpeAuthenticator;
import org.jcwmp.acs.session.CwmpEndpoint;
import org.jcwmp.acs.store.CpeCredentialStore;
import org.jcwmp.acs.store.Database;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskService;
import org.jcwmp.acs.task.TaskStore;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.soap.SoapCodec;

import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The ACS: the CWMP endpoint for CPEs (port 7547) and the northbound API for operators (port 7557), on one store.
 * Build it with {@link #builder()}.
 */
public final class AcsServer implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AcsServer.class);
    private final Builder config;
    private final Database database;
    private final boolean ownsDatabase;
    private final DeviceStore devices;
    private final CpeCredentialStore cpeCredentials;
    private final TaskService tasks;
    private final ConnectionRequester connectionRequester;
    private final Cluster cluster;
    private final CwmpEndpoint cwmp;
    private final Operations operations;
    private final List<AcsListener> listeners = new CopyOnWriteArrayList<>();
    private final AcsListener fanout = new Fanout();
    private final StunPasswords stunPasswords;
    private final org.jcwmp.acs.files.FileServer fileServer; // null when off
    private StunServer stunServer;
    private XmppConnectionRequester xmpp;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private CwmpServer cwmpServer;
    private Javalin nbiServer;
    private ScheduledExecutorService sweeper;
    private boolean halted;
    private final org.jcwmp.acs.store.EventRetention eventRetention;

    private AcsServer(Builder b) {
        this.config = b;
        this.ownsDatabase = b.database == null;
        this.database = b.database != null ? b.database
                : b.jdbcUrl != null ? Database.open(b.jdbcUrl, b.jdbcUser, b.jdbcPassword)
                : Database.openEmbedded(b.dataDirectory);
        this.devices = new DeviceStore(database);
        this.eventRetention = new org.jcwmp.acs.store.EventRetention(database, b.eventRetention, 1_000, 100);
        this.cpeCredentials = new CpeCredentialStore(database);
        String nodeId = Cluster.checkNodeId(b.nodeId != null ? b.nodeId : Cluster.defaultNodeId());
        // PostgreSQL may be shared by several nodes; the embedded H2 (or an H2 URL) has one node.
        this.cluster = database.postgres() ? new PostgresCluster(database, nodeId, b.clusterHeartbeat)
                : Cluster.single(nodeId);
        this.tasks = new TaskService(new TaskStore(database, nodeId), devices, json);
        this.stunPasswords = new StunPasswords(devices);
        this.connectionRequester = new ConnectionRequester(b.connectionRequestTimeout, b.crUsername, b.crPassword,
                b.connectionRequestInformWait);
        listeners.add(connectionRequester);
        CpeAuthenticator authenticator = new CpeAuthenticator(b.cpeAuthentication, b.realm, this::cpePassword);
        this.cwmp = new CwmpEndpoint(new SoapCodec(b.maxBodyBytes), authenticator, devices, tasks, b.sessionTimeout,
                fanout, cluster);
        if (cluster instanceof PostgresCluster) {
            tasks.onFinished(cluster::taskFinished);
            connectionRequester.relayXmpp(d -> cluster.askXmppConnectionRequest(d.id()));
            listeners.add(new AcsListener() {
                @Override
                public void informed(Device device, Inform inform) {
                    if (inform.event().stream().anyMatch(e ->
                            org.jcwmp.core.rpc.EventCode.CONNECTION_REQUEST.equals(e.eventCode()))) {
                        cluster.connectionRequestAnswered(device.id()); // a node that sent it may wait for it
                    }
                }
            });
        }
        this.operations = new Operations(b.operations, database, devices, cpeCredentials, tasks, connectionRequester, cwmp, json);
        cwmp.provisioning(operations.provisioner());
        cwmp.maxSessions(b.maxSessions, b.busyRetryAfterSeconds);
        listeners.addAll(operations.listeners());
        this.fileServer = b.filePort < 0 ? null : org.jcwmp.acs.files.FileServer.builder()
                .dataDirectory(b.dataDirectory).database(database).bind(b.fileHost, b.filePort)
                .passwordOf(this::cpePassword).realm(b.realm).authentication(b.cpeAuthentication)
                .advertisedUrl(b.fileServerUrl).tls(b.tls).connectors(b.connectors).build();
        if (fileServer != null) {
            operations.fileServer(fileServer); // before operations.routes(): the NBI's /files and /uploads
            cwmp.requestDownloads(fileServer.offers()::downloadTaskFor);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts both HTTP servers; returns when they listen. */
    public synchronized AcsServer start() {
        // Tasks a killed run of this ACS had sent and never saw answered: requeued, awaited or failed (see there). With
        // several nodes, only this node's: the others' are settled when they are found dead.
        tasks.recoverInterrupted(cluster instanceof PostgresCluster ? cluster.nodeId() : null).forEach(t -> log.warn(
                "task {} ({}) for {} failed: {}", t.id(), t.name(), t.deviceId(), t.faultString()));
        cluster.start(new ClusterNode());
        cwmpServer = new CwmpServer(cwmp, config.cwmpHost, config.cwmpPort, config.connectors, config.tls);
        cwmpServer.start();

        nbiServer = Javalin.create(cfg -> {
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jsonMapper(new JavalinJackson(json, true));
            cfg.router.ignoreTrailingSlashes = false; // GenieACS's "/devices/" answers in GenieACS's shape
            config.connectors.apply(cfg, config.nbiHost, config.nbiPort, config.tls);
        });
        operations.ensureAdmin();
        operations.routes(nbiServer);
        if (fileServer != null) {
            fileServer.start();
        }
        nbiServer.start(config.nbiHost, config.nbiPort);

        if (config.stunPort >= 0) {
            stunServer = StunServer.builder().bindAddress(config.stunHost, config.stunPort)
                    .passwordOfStunUser(stunPasswords::get).learnUnknownUsers(true).build();
            try {
                stunServer.start();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot open the STUN port " + config.stunPort, e);
            }
            connectionRequester.useUdp(stunServer);
        }

        if (config.xmppDomain != null) {
            XmppConnectionRequester.Builder xb = XmppConnectionRequester.builder()
                    .server(config.xmppHost, config.xmppPort).domain(config.xmppDomain)
                    .credentials(config.xmppUsername, config.xmppPassword).resource(config.xmppResource)
                    .requestTimeout(config.connectionRequestTimeout);
            if (!config.xmppTls) {
                xb.plaintext();
            } else if (config.xmppTrust != null) {
                xb.trust(config.xmppTrust);
            } else {
                xb.tlsWithDefaultTrust();
            }
            XmppConnectionRequester x = xb.build().start(); // logs in in the background, reconnects when lost
            xmpp = x;
            connectionRequester.useXmpp(new ConnectionRequester.XmppSender() {
                @Override
                public boolean connected() {
                    return x.connected();
                }

                @Override
                public ConnectionRequestOutcome send(String jabberId, String username, String password) {
                    return x.request(jabberId, username, password).toConnectionRequestOutcome();
                }

                @Override
                public boolean fallBackAfter(ConnectionRequestOutcome refused) {
                    // service-unavailable of type wait: the CPE's rate limit (see XmppConnectionRequestOutcome)
                    return !refused.detail().endsWith("(wait)");
                }
            });
        }

        operations.campaignRunner().takeTimeout(config.transferTimeout);
        operations.campaignRunner().start(config.campaignInterval);
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("session-sweeper").factory());
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                cwmp.sweep();
            } catch (RuntimeException e) {
                log.warn("could not sweep idle sessions: {}", e.toString()); // again at the next round
            }
        }, 5, 5, TimeUnit.SECONDS);
        long transferCheck = transferCheckMillis(config.transferTimeout);
        sweeper.scheduleWithFixedDelay(this::expireTransfers, transferCheck, transferCheck, TimeUnit.MILLISECONDS);
        if (!eventRetention.policy().keepsAll()) {
            long every = config.eventRetentionInterval.toMillis();
            sweeper.scheduleWithFixedDelay(this::purgeEvents, every, every, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    public synchronized void stop() {
        operations.campaignRunner().close(); // first: its rounds use the store
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (cwmpServer != null) {
            cwmpServer.stop();
        }
        if (nbiServer != null) {
            nbiServer.stop();
        }
        if (halted || !(cluster instanceof PostgresCluster pg)) {
            cluster.close();
        } else {
            pg.leave(); // the other nodes settle its sessions and tasks at their next beat
        }
        if (stunServer != null) {
            stunServer.close();
        }
        if (xmpp != null) {
            xmpp.close();
        }
        try {
            connectionRequester.close();
        } catch (java.io.IOException ignored) {
            // closing sockets; nothing to recover
        }
        if (fileServer != null) {
            fileServer.stop();
        }
        operations.close();
        if (ownsDatabase) {
            database.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Stops as a killed process would with several nodes: nothing is released, and the node's row goes stale (for
     * tests of what the other nodes do then).
     */
    synchronized void halt() {
        halted = true;
        stop();
    }

    /** This node's identity among the ACS nodes on its store. */
    public String nodeId() {
        return cluster.nodeId();
    }

    public int cwmpPort() {
        return cwmpServer.port();
    }

    public int nbiPort() {
        return nbiServer.port();
    }

    /** The STUN server's port, or -1 when it is off. */
    public int stunPort() {
        return stunServer == null ? -1 : stunServer.localAddress().getPort();
    }

    /** The binding the STUN server learned for a STUNUsername; empty when STUN is off or it has none. */
    public Optional<org.jcwmp.acs.stun.StunBinding> stunBinding(String stunUsername) {
        StunServer s = stunServer;
        return s == null ? Optional.empty() : s.binding(stunUsername);
    }

    /** The ACS's own full JID while its XMPP link is up; empty without XMPP or while disconnected. */
    public Optional<String> xmppJabberId() {
        XmppConnectionRequester x = xmpp;
        return x == null ? Optional.empty() : x.jabberId();
    }

    /** Whether the ACS's XMPP link is up (false without XMPP). */
    public boolean xmppConnected() {
        XmppConnectionRequester x = xmpp;
        return x != null && x.connected();
    }

    /** Connection requests by whichever mechanism reaches the device (XMPP, HTTP, UDP). */
    public ConnectionRequester connectionRequester() {
        return connectionRequester;
    }

    private String scheme() {
        return config.tls == null ? "http://" : "https://";
    }

    /** The URL CPEs use, as seen from this host. */
    public String cwmpUrl() {
        return scheme() + advertisedHost(config.cwmpHost) + ":" + cwmpPort() + "/";
    }

    public String nbiUrl() {
        return scheme() + advertisedHost(config.nbiHost) + ":" + nbiPort() + "/";
    }

    /** The file server for CPEs, when it runs ({@link Builder#fileServer}). */
    public Optional<org.jcwmp.acs.files.FileServer> fileServer() {
        return Optional.ofNullable(fileServer);
    }

    public DeviceStore devices() {
        return devices;
    }

    public TaskService tasks() {
        return tasks;
    }

    /** Credentials one CPE presents to the ACS, in addition to the default policy. */
    public void putCpeCredentials(String username, String password) {
        cpeCredentials.put(username, password);
    }

    /** Users, roles, API tokens and logins of the NBI. */
    public org.jcwmp.acs.auth.AuthService auth() {
        return operations.auth();
    }

    /** The operator's side: live events, metrics, NBI routes, the admin password generated on first start. */
    public Operations operations() {
        return operations;
    }

    public void addListener(AcsListener listener) {
        listeners.add(listener);
    }

    public void removeListener(AcsListener listener) {
        listeners.remove(listener);
    }

    /** What this node does when the other nodes signal it. */
    private final class ClusterNode implements Cluster.Node {
        @Override
        public void sessionMovedAway(String deviceId) {
            cwmp.sessionMovedAway(deviceId);
        }

        @Override
        public void connectionRequestAsked(String deviceId) {
            devices.find(deviceId).ifPresent(d -> log.info("connection request to {} for another node: {}", deviceId,
                    connectionRequester.sendNow(d)));
        }

        @Override
        public void connectionRequestAnswered(String deviceId) {
            connectionRequester.informedElsewhere(deviceId);
        }

        @Override
        public void taskFinished(long taskId) {
            tasks.finishedElsewhere(taskId);
        }

        @Override
        public void nodeDied(String nodeId) {
            tasks.recoverInterrupted(nodeId).forEach(t -> {
                log.warn("task {} ({}) for {} failed: {}", t.id(), t.name(), t.deviceId(), t.faultString());
                fanout.taskFinished(t);
            });
        }

        @Override
        public boolean xmppConnected() {
            return connectionRequester.xmppConnected();
        }
    }

    /** Transfer tasks whose TransferComplete did not come within the timeout fail (checked about ten times per timeout). */
    private void expireTransfers() {
        try {
            tasks.expireTransfers(config.transferTimeout).forEach(fanout::taskFinished);
        } catch (RuntimeException e) {
            log.warn("could not expire transfer tasks: {}", e.toString());
        }
    }

    /**
     * Device events past the retention, in transactions of 1,000 rows or devices, at most 100 of each kind per round
     * (every minute): up to 100,000 old events a minute (above the 1,000 a second that 1,000 sessions/s write), and
     * the per-device limit checked for 100,000 devices a minute (a fleet of 1,000,000 every 10 minutes).
     */
    private void purgeEvents() {
        try {
            var purged = eventRetention.run(java.time.Instant.now());
            if (purged.tooOld() + purged.overLimit() > 0) {
                log.debug("device events purged: {} past the retention time, {} over the per-device limit",
                        purged.tooOld(), purged.overLimit());
            }
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) { // interrupted: the ACS is stopping, the next start goes on
                log.warn("could not purge device events: {}", e.toString());
            }
        }
    }

    static long transferCheckMillis(Duration timeout) {
        return Math.clamp(timeout.toMillis() / 10, 100, 60_000);
    }

    private String cpePassword(String username) {
        return cpeCredentials.password(username)
                .orElse(Objects.equals(username, config.cpeUsername) ? config.cpePassword : null);
    }

    private static String advertisedHost(String bindHost) {
        return bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
    }

    private final class Fanout implements AcsListener {
        @Override
        public void informed(Device device, Inform inform) {
            listeners.forEach(l -> l.informed(device, inform));
        }

        @Override
        public void taskFinished(Task task) {
            listeners.forEach(l -> l.taskFinished(task));
        }

        @Override
        public void taskAwaiting(Task task) {
            listeners.forEach(l -> l.taskAwaiting(task));
        }

        @Override
        public void sessionEnded(String deviceId) {
            listeners.forEach(l -> l.sessionEnded(deviceId));
        }

        @Override
        public void cpeRequest(String deviceId, org.jcwmp.core.rpc.CwmpRequest request) {
            listeners.forEach(l -> l.cpeRequest(deviceId, request));
        }

        @Override
        public void sessionRefused() {
            listeners.forEach(AcsListener::sessionRefused);
        }
    }

    /** Settings of an ACS; every one has a default that works on one machine. */
    public static final class Builder {
        private String cwmpHost = "0.0.0.0";
        private int cwmpPort = 7547;
        private String nbiHost = "127.0.0.1";
        private int nbiPort = 7557;
        private Path dataDirectory = Path.of("data");
        private String jdbcUrl;
        private String jdbcUser;
        private String jdbcPassword;
        private Database database;
        private boolean cpeAuthentication = true;
        private String realm = "jcwmp";
        private String cpeUsername = "cpe";
        private String cpePassword = "cpe";
        private String crUsername = "acs";
        private String crPassword = "acs";
        private Duration sessionTimeout = Duration.ofSeconds(30);
        private Duration connectionRequestTimeout = Duration.ofSeconds(5);
        private Duration connectionRequestInformWait = Duration.ofSeconds(10);
        private String stunHost = "0.0.0.0";
        private int stunPort = -1;
        private String fileHost = "0.0.0.0";
        private int filePort = -1;
        private String fileServerUrl;
        private int maxBodyBytes = SoapCodec.DEFAULT_MAX_BYTES;
        private String xmppHost;
        private int xmppPort = 5222;
        private String xmppDomain;
        private String xmppUsername;
        private String xmppPassword;
        private String xmppResource;
        private boolean xmppTls = true;
        private X509TrustManager xmppTrust;
        private Operations.Options operations = Operations.Options.defaults();
        private ServerTls tls;
        private Connectors connectors = Connectors.DEFAULTS;
        private int maxSessions = 2_000;
        private int busyRetryAfterSeconds = 10;
        private Duration transferTimeout = Duration.ofHours(1);
        private Duration campaignInterval = Duration.ofSeconds(5);
        private String nodeId;
        private Duration clusterHeartbeat = Duration.ofSeconds(5);
        private org.jcwmp.acs.store.EventRetention.Policy eventRetention = org.jcwmp.acs.store.EventRetention.Policy.DEFAULT;
        private Duration eventRetentionInterval = Duration.ofMinutes(1);

        private Builder() {
        }

        /**
         * This node's identity among several ACS nodes on one PostgreSQL (1 to 64 characters, no '|'); default: host
         * name, process id and a random part. A node restarted under the same id settles at start the tasks it had
         * sent and never saw answered; under a new id the live nodes do it once the old one's heartbeat is stale.
         */
        public Builder nodeId(String id) {
            this.nodeId = Cluster.checkNodeId(id);
            return this;
        }

        /**
         * How often a node on PostgreSQL writes its heartbeat and looks for dead nodes (default 5 s); a node that missed
         * three beats is dead, and its device sessions and unanswered tasks are released.
         */
        public Builder clusterHeartbeat(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the heartbeat interval must be positive, not " + interval);
            }
            this.clusterHeartbeat = interval;
            return this;
        }

        /**
         * Backpressure: with {@code max} CWMP sessions open (default 2,000), a CPE starting another gets 503 with
         * {@code Retry-After: retryAfterSeconds} (default 10) instead of a slow answer; open sessions run to their end.
         */
        public Builder maxSessions(int max, int retryAfterSeconds) {
            if (max < 1 || retryAfterSeconds < 1) {
                throw new IllegalArgumentException("max sessions and Retry-After must be at least 1");
            }
            this.maxSessions = max;
            this.busyRetryAfterSeconds = retryAfterSeconds;
            return this;
        }

        /**
         * On every listener: connections idle longer than this are closed (default 30 s), and at most
         * {@code maxConnections} are open at once (default 10,000; beyond it the listener stops accepting until some
         * close), so that slow clients (slowloris) or floods cannot exhaust the ACS.
         */
        public Builder connectionLimits(Duration idleTimeout, int maxConnections) {
            this.connectors = new Connectors(idleTimeout, maxConnections);
            return this;
        }

        /**
         * HTTPS instead of HTTP on every listener (CWMP, NBI and UI, file server), with this PEM certificate chain
         * and key; CPEs then authenticate with Basic. {@code clientCaBundle} (may be null) lets CPEs present client
         * certificates signed by those CAs. The files are checked here.
         */
        public Builder tls(Path certificateChain, Path privateKey, Path clientCaBundle) {
            this.tls = new ServerTls(certificateChain, privateKey, clientCaBundle).check();
            return this;
        }

        /** Where CPEs connect; port 0 picks a free one. */
        public Builder cwmp(String host, int port) {
            this.cwmpHost = host;
            this.cwmpPort = port;
            return this;
        }

        /** Where the NBI and the web UI listen (loopback by default). */
        public Builder nbi(String host, int port) {
            this.nbiHost = host;
            this.nbiPort = port;
            return this;
        }

        /** The folder of the embedded H2 store (default ./data). */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = dir;
            return this;
        }

        /** A JDBC URL (H2 or PostgreSQL) instead of the embedded store. */
        public Builder jdbc(String url, String user, String password) {
            this.jdbcUrl = url;
            this.jdbcUser = user;
            this.jdbcPassword = password;
            return this;
        }

        /** A store opened by the caller, which stays open when the ACS stops. */
        public Builder database(Database db) {
            this.database = db;
            return this;
        }

        /** The default CPE credentials, accepted from any CPE without credentials of its own. */
        public Builder cpeCredentials(String username, String password) {
            this.cpeUsername = username;
            this.cpePassword = password;
            return this;
        }

        /** Turns CPE authentication off (on by default): only for closed test networks. */
        public Builder cpeAuthentication(boolean on) {
            this.cpeAuthentication = on;
            return this;
        }

        /** The connection-request credentials used for devices the ACS has none stored for. */
        public Builder connectionRequestCredentials(String username, String password) {
            this.crUsername = username;
            this.crPassword = password;
            return this;
        }

        /** Runs the file server for CPEs on this port, 7567 by convention, 0 for any free one; off by default. */
        public Builder fileServer(String host, int port) {
            this.fileHost = host;
            this.filePort = port;
            return this;
        }

        /** The file server's base URL as CPEs reach it (NAT, proxy, TLS offload); default http://host:port/. */
        public Builder fileServerUrl(String url) {
            this.fileServerUrl = url;
            return this;
        }

        /** Runs the STUN server (TR-111) on this UDP port, 3478 by convention, 0 for any free one; off by default. */
        public Builder stun(String host, int port) {
            this.stunHost = host;
            this.stunPort = port;
            return this;
        }

        /**
         * XMPP connection requests (TR-069 Annex K): the ACS logs in to this server as {@code username@domain/resource}
         * and sends connection requests to devices that reported a ConnReqJabberID. With a trust manager the link
         * requires TLS checked against its CAs; null means plaintext (closed test networks only).
         *
         * @param host     the XMPP server's address (empty: the domain)
         * @param resource the resource to bind, one per ACS node; null lets the server choose
         */
        public Builder xmpp(String host, int port, String domain, String username, String password, String resource,
                            X509TrustManager trust) {
            return xmpp(host, port, domain, username, password, resource, trust, trust != null);
        }

        /** As the other {@code xmpp}, with {@code tls} true and a null trust meaning TLS checked against the JDK's CAs. */
        public Builder xmpp(String host, int port, String domain, String username, String password, String resource,
                            X509TrustManager trust, boolean tls) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("XMPP port " + port);
            }
            if (Objects.requireNonNull(domain).isBlank() || Objects.requireNonNull(username).isBlank()) {
                throw new IllegalArgumentException("the XMPP domain and username are required");
            }
            this.xmppHost = host == null || host.isBlank() ? domain : host;
            this.xmppPort = port;
            this.xmppDomain = domain;
            this.xmppUsername = username;
            this.xmppPassword = Objects.requireNonNull(password);
            this.xmppResource = resource;
            this.xmppTrust = trust;
            this.xmppTls = tls;
            return this;
        }

        /** How long a connection request waits for the device's Inform with 6 CONNECTION REQUEST (0: not at all). */
        public Builder connectionRequestInformWait(Duration wait) {
            this.connectionRequestInformWait = wait;
            return this;
        }

        /**
         * How long a transfer task (download, upload, scheduleDownload, changeDUState) the CPE accepted may wait for
         * its TransferComplete or DUStateChangeComplete before it fails with fault 8800 (default 1 hour); also how long
         * a campaign's device may leave its Download untaken (offline) before it fails the same way.
         */
        public Builder transferTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the transfer timeout must be positive, not " + timeout);
            }
            this.transferTimeout = timeout;
            return this;
        }

        /**
         * How long and how many device events (Inform event codes) the store keeps, and how often the ACS purges
         * the rest (default: 30 days, 100 per device, every minute; {@code Policy.KEEP_ALL} keeps everything).
         */
        public Builder eventRetention(org.jcwmp.acs.store.EventRetention.Policy policy, Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the event purge interval must be positive, not " + interval);
            }
            this.eventRetention = Objects.requireNonNull(policy);
            this.eventRetentionInterval = interval;
            return this;
        }

        /** How often the campaign runner records outcomes and starts the next devices (default 5 s). */
        public Builder campaignInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the campaign interval must be positive, not " + interval);
            }
            this.campaignInterval = interval;
            return this;
        }

        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
            return this;
        }

        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * The NBI admin created on first start, when the store has no user yet; password null: generated and logged
         * once (see {@link Operations#generatedAdminPassword()}). Default: "admin", generated.
         */
        public Builder initialAdmin(String username, String password) {
            this.operations = new Operations.Options(username, password, operations.passwordIterations(),
                    operations.loginLifetime(), operations.metricsPublic(), operations.eventsKept());
            return this;
        }

        /** PBKDF2 iterations for NBI passwords (default 210000); tests may lower it to save time. */
        public Builder passwordHashIterations(int iterations) {
            this.operations = new Operations.Options(operations.adminUsername(), operations.adminPassword(), iterations,
                    operations.loginLifetime(), operations.metricsPublic(), operations.eventsKept());
            return this;
        }

        /** Serves /metrics without a token (for a Prometheus on a trusted network); off by default. */
        public Builder metricsWithoutAuthentication(boolean on) {
            this.operations = new Operations.Options(operations.adminUsername(), operations.adminPassword(),
                    operations.passwordIterations(), operations.loginLifetime(), on, operations.eventsKept());
            return this;
        }

        public AcsServer build() {
            return new AcsServer(this);
        }
    }
}
