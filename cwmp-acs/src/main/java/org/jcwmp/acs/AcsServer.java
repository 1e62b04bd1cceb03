package org.jcwmp.acs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.jcwmp.acs.connreq.ConnectionRequester;
import org.jcwmp.acs.nbi.NbiApi;
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
    private final Builder config;
    private final Database database;
    private final boolean ownsDatabase;
    private final DeviceStore devices;
    private final CpeCredentialStore cpeCredentials;
    private final TaskService tasks;
    private final ConnectionRequester connectionRequester;
    private final CwmpEndpoint cwmp;
    private final List<AcsListener> listeners = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private Javalin cwmpServer;
    private Javalin nbiServer;
    private ScheduledExecutorService sweeper;

    private AcsServer(Builder b) {
        this.config = b;
        this.ownsDatabase = b.database == null;
        this.database = b.database != null ? b.database
                : b.jdbcUrl != null ? Database.open(b.jdbcUrl, b.jdbcUser, b.jdbcPassword)
                : Database.openEmbedded(b.dataDirectory);
        this.devices = new DeviceStore(database);
        this.cpeCredentials = new CpeCredentialStore(database);
        this.tasks = new TaskService(new TaskStore(database), devices, json);
        this.connectionRequester = new ConnectionRequester(b.connectionRequestTimeout, b.crUsername, b.crPassword);
        CpeAuthenticator authenticator = new CpeAuthenticator(b.cpeAuthentication, b.realm, this::cpePassword);
        this.cwmp = new CwmpEndpoint(new SoapCodec(b.maxBodyBytes), authenticator, devices, tasks, b.sessionTimeout,
                new Fanout());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts both HTTP servers; returns when they listen. */
    public synchronized AcsServer start() {
        cwmpServer = Javalin.create(cfg -> {
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = config.maxBodyBytes;
            cfg.http.disableCompression();
        });
        cwmpServer.post("/*", cwmp);
        cwmpServer.post("/", cwmp);
        cwmpServer.start(config.cwmpHost, config.cwmpPort);

        nbiServer = Javalin.create(cfg -> {
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.jsonMapper(new JavalinJackson(json, true));
        });
        new NbiApi(devices, cpeCredentials, tasks, connectionRequester, cwmp, json).routes(nbiServer);
        nbiServer.start(config.nbiHost, config.nbiPort);

        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("session-sweeper").factory());
        sweeper.scheduleWithFixedDelay(cwmp::sweep, 5, 5, TimeUnit.SECONDS);
        return this;
    }

    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (cwmpServer != null) {
            cwmpServer.stop();
        }
        if (nbiServer != null) {
            nbiServer.stop();
        }
        try {
            connectionRequester.close();
        } catch (java.io.IOException ignored) {
            // closing sockets; nothing to recover
        }
        if (ownsDatabase) {
            database.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int cwmpPort() {
        return cwmpServer.port();
    }

    public int nbiPort() {
        return nbiServer.port();
    }

    /** The URL CPEs use, as seen from this host. */
    public String cwmpUrl() {
        return "http://" + advertisedHost(config.cwmpHost) + ":" + cwmpPort() + "/";
    }

    public String nbiUrl() {
        return "http://" + advertisedHost(config.nbiHost) + ":" + nbiPort() + "/";
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

    public void addListener(AcsListener listener) {
        listeners.add(listener);
    }

    public void removeListener(AcsListener listener) {
        listeners.remove(listener);
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
        public void sessionEnded(String deviceId) {
            listeners.forEach(l -> l.sessionEnded(deviceId));
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
        private int maxBodyBytes = SoapCodec.DEFAULT_MAX_BYTES;

        private Builder() {
        }

        /** Where CPEs connect; port 0 picks a free one. */
        public Builder cwmp(String host, int port) {
            this.cwmpHost = host;
            this.cwmpPort = port;
            return this;
        }

        /** Where the NBI listens; loopback by default because it has no authentication yet. */
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

        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
            return this;
        }

        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public AcsServer build() {
            return new AcsServer(this);
        }
    }
}
