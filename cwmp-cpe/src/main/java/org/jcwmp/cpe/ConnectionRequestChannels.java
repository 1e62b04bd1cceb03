package org.jcwmp.cpe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.X509TrustManager;
import org.jcwmp.core.udpcr.UdpConnectionRequestAddress;
import org.jcwmp.cpe.model.ChangeOrigin;
import org.jcwmp.cpe.model.DataModel;
import org.jcwmp.cpe.stun.NatBinding;
import org.jcwmp.cpe.stun.StunClient;
import org.jcwmp.cpe.stun.StunClientConfig;
import org.jcwmp.cpe.stun.StunClientListener;
import org.jcwmp.cpe.xmpp.XmppConnectionConfig;
import org.jcwmp.cpe.xmpp.XmppConnectionRequestListener;
import org.jcwmp.cpe.xmpp.XmppConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's connection request channels besides HTTP: the STUN client with its UDP listener (TR-111, Annex G)
 * and the XMPP listener (Annex K), each built from the data model and rebuilt when its parameters change.
 *
 * <p>Rebuilding runs on a thread of its own: a change can come from the very threads a rebuild closes (the STUN
 * keep-alive writes UDPConnectionRequestAddress, the XMPP link writes Status), which must not wait on themselves.
 */
final class ConnectionRequestChannels implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionRequestChannels.class);
    private static final int MAX_SERVERS = 16;

    private final DataModel model;
    private final String ms;
    private final String localHost;
    private final Function<String, String> connectionRequestPasswordOf;
    private final Runnable onConnectionRequest;
    private final X509TrustManager xmppTrust;
    private final ExecutorService rebuilds;
    private StunClient stun;
    private String stunKey = "";
    private XmppConnectionRequestListener xmpp;
    private String xmppKey = "";
    private String xmppConnection = "";
    private boolean closed;

    ConnectionRequestChannels(DataModel model, String localHost, Function<String, String> connectionRequestPasswordOf,
                              Runnable onConnectionRequest, X509TrustManager xmppTrust) {
        this.model = model;
        this.ms = model.root() + "ManagementServer.";
        this.localHost = localHost;
        this.connectionRequestPasswordOf = connectionRequestPasswordOf;
        this.onConnectionRequest = onConnectionRequest;
        this.xmppTrust = xmppTrust;
        this.rebuilds = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("cpe-cr-channels").factory());
    }

    /** Whether a change of these parameters may need a rebuild (the values the channels write themselves do not). */
    boolean concerns(Set<String> paths) {
        for (String p : paths) {
            if (p.startsWith(ms + "STUN") || p.equals(ms + "URL") || p.equals(ms + "ConnReqXMPPConnection")) {
                return true;
            }
            if (p.startsWith(model.root() + "XMPP.Connection.") && !p.endsWith(".Status") && !p.endsWith(".JabberID")
                    && !p.endsWith(".TLSEstablished") && !p.endsWith(".LastChangeDate")) {
                return true;
            }
        }
        return false;
    }

    /** Rebuilds in the background what the model's values no longer match. */
    void changed() {
        try {
            rebuilds.execute(() -> apply(false));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** Brings the channels in line with the model now; {@code restart} closes and reopens even unchanged ones. */
    synchronized void apply(boolean restart) {
        if (closed) {
            return;
        }
        applyStun(restart);
        applyXmpp(restart);
    }

    // ---- STUN ----

    private void applyStun(boolean restart) {
        StunClientConfig config = null;
        String key = "";
        if ("true".equals(value(ms + "STUNEnable"))) {
            try {
                String url = value(ms + "URL");
                String host = StunClientConfig.serverHostFor(value(ms + "STUNServerAddress"),
                        url.isEmpty() ? URI.create("x://") : URI.create(url));
                int port = (int) number(ms + "STUNServerPort", StunClientConfig.DEFAULT_SERVER_PORT);
                long keepAlive = Math.max(1, number(ms + "STUNMinimumKeepAlivePeriod", 30));
                if (host == null || host.isBlank()) {
                    throw new IllegalArgumentException("neither STUNServerAddress nor the ACS URL names a host");
                }
                config = StunClientConfig.builder(host).serverPort(port == 0 ? StunClientConfig.DEFAULT_SERVER_PORT : port)
                        .credentials(value(ms + "STUNUsername"), value(ms + "STUNPassword"))
                        .keepAlivePeriod(Duration.ofSeconds(keepAlive))
                        .localAddress(localHost, 0)
                        .knownBinding(knownBinding())
                        .connectionRequestPasswordOf(connectionRequestPasswordOf)
                        .build();
                key = String.join("\u0000", host, Integer.toString(config.serverPort()), config.username(),
                        config.password(), Long.toString(keepAlive));
            } catch (IllegalArgumentException e) {
                log.warn("STUN enabled but not usable: {}", e.getMessage());
            }
        }
        if (!restart && key.equals(stunKey) && (stun != null) == (config != null)) {
            return;
        }
        if (stun != null) {
            stun.close();
            stun = null;
        }
        stunKey = key;
        if (config == null) {
            return;
        }
        StunClient client = new StunClient(config, new StunClientListener() {
            @Override
            public void bindingChanged(NatBinding binding) {
                set(ms + "UDPConnectionRequestAddress", binding.udpConnectionRequestAddress());
                set(ms + "NATDetected", Boolean.toString(binding.natDetected()));
            }

            @Override
            public void connectionRequest() {
                onConnectionRequest.run();
            }
        });
        try {
            client.start();
            stun = client;
            log.info("STUN client on {} towards {}:{}", client.localAddress(), config.serverHost(), config.serverPort());
        } catch (IOException e) {
            log.warn("cannot start the STUN client on {}: {}", localHost, e.toString());
        }
    }

    private InetSocketAddress knownBinding() {
        String known = value(ms + "UDPConnectionRequestAddress");
        if (known.isEmpty()) {
            return null;
        }
        try {
            return UdpConnectionRequestAddress.parse(known);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The STUN client's UDP port, or -1 when it does not run. */
    synchronized int stunPort() {
        return stun == null ? -1 : stun.localAddress().getPort();
    }

    // ---- XMPP ----

    private void applyXmpp(boolean restart) {
        String conn = value(ms + "ConnReqXMPPConnection").strip();
        if (!conn.isEmpty() && !conn.endsWith(".")) {
            conn = conn + ".";
        }
        XmppConnectionConfig config = null;
        String key = "";
        if (!conn.isEmpty() && model.contains(conn + "Enable") && "true".equals(value(conn + "Enable"))) {
            String server = firstServer(conn);
            try {
                XmppConnectionConfig.Builder b = XmppConnectionConfig.builder()
                        .username(value(conn + "Username")).password(value(conn + "Password"))
                        .domain(value(conn + "Domain")).resource(value(conn + "Resource"))
                        .useTls("true".equals(value(conn + "UseTLS")))
                        .keepAliveInterval(number(conn + "KeepAliveInterval", -1))
                        .serverConnectAttempts(number(conn + "ServerConnectAttempts", 16))
                        .serverRetry(number(conn + "ServerRetryInitialInterval", 60),
                                number(conn + "ServerRetryIntervalMultiplier", 2000),
                                number(conn + "ServerRetryMaxInterval", 30720));
                if (server != null) {
                    b.server(value(server + "ServerAddress"), (int) number(server + "Port", 5222));
                }
                config = b.build();
                key = conn + "\u0000" + config;
            } catch (IllegalArgumentException e) {
                log.warn("{} enabled but not usable: {}", conn, e.getMessage());
            }
        }
        if (!restart && key.equals(xmppKey) && (xmpp != null) == (config != null)) {
            return;
        }
        if (xmpp != null) {
            xmpp.close();
            xmpp = null;
        }
        xmppKey = key;
        xmppConnection = conn;
        if (config == null) {
            return;
        }
        String target = conn;
        xmpp = XmppConnectionRequestListener.builder()
                .config(config)
                .trust(xmppTrust)
                .connectionRequestCredentials(() -> value(ms + "ConnectionRequestUsername"),
                        () -> value(ms + "ConnectionRequestPassword"))
                .allowedJabberIds(() -> value(ms + "ConnReqAllowedJabberIDs"))
                .lastJabberId(value(conn + "JabberID"))
                .onConnectionRequest(onConnectionRequest)
                .onStateChange(state -> stateChanged(target, state))
                .build().start();
        log.info("XMPP connection requests through {} ({}@{})", conn, config.username(), config.domain());
    }

    private String firstServer(String conn) {
        for (int i = 1; i <= MAX_SERVERS; i++) {
            String s = conn + "Server." + i + ".";
            if (model.contains(s + "ServerAddress")
                    && (!model.contains(s + "Enable") || "true".equals(value(s + "Enable")))) {
                return s;
            }
        }
        return null; // Domain is the server then
    }

    private void stateChanged(String conn, XmppConnectionState state) {
        set(conn + "Status", state.status().value());
        set(conn + "JabberID", state.jabberId());
        set(conn + "TLSEstablished", Boolean.toString(state.tlsEstablished()));
        set(ms + "ConnReqJabberID", state.jabberId());
    }

    /** The XMPP listener's state, or null when none runs. */
    synchronized XmppConnectionState xmppState() {
        return xmpp == null ? null : xmpp.state();
    }

    // ---- model ----

    private String value(String path) {
        return model.find(path).orElse("");
    }

    private long number(String path, long fallback) {
        String v = value(path).strip();
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void set(String path, String value) {
        if (!model.contains(path)) {
            return;
        }
        try {
            model.setValue(path, Objects.requireNonNullElse(value, ""), ChangeOrigin.AGENT);
        } catch (IllegalArgumentException e) {
            log.debug("{} not set: {}", path, e.getMessage());
        }
    }

    /** Closes both channels (the next {@link #apply} opens them again); the model keeps their last values. */
    synchronized void closeChannels() {
        if (stun != null) {
            stun.close();
            stun = null;
        }
        if (xmpp != null) {
            xmpp.close();
            xmpp = null;
        }
        stunKey = "";
        xmppKey = "";
    }

    @Override
    public void close() {
        rebuilds.shutdownNow();
        synchronized (this) {
            closed = true;
            closeChannels();
        }
        try {
            rebuilds.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
