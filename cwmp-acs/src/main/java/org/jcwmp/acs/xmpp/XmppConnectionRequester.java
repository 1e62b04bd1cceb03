package org.jcwmp.acs.xmpp;

import org.jcwmp.xmpp.ConnectionRequestIQ;
import org.jcwmp.xmpp.XmppLogin;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import javax.net.ssl.X509TrustManager;
import org.jcwmp.acs.xmpp.XmppConnectionRequestOutcome.Result;
import org.jcwmp.core.xmpp.ReconnectLoop;
import org.jcwmp.core.xmpp.ServerRetry;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends XMPP connection requests (TR-069 Annex K) over one long-lived login to the operator's XMPP server: the
 * authentication cost is paid once, so a request is one IQ and its answer.
 *
 * <pre>{@code
 * XmppConnectionRequester xmpp = XmppConnectionRequester.builder()
 *         .server("xmpp.example.net", 5222).domain("example.net")
 *         .credentials("acs", "secret").resource("acs1")
 *         .trust(XmppTrust.fromPem(Path.of("ca.pem")))
 *         .build().start();
 * if (xmpp.connected()) {
 *     XmppConnectionRequestOutcome o = xmpp.request("cpe-1@example.net/cwmp", "cruser", "crpass");
 * }
 * }</pre>
 *
 * <p>After a failed login or a lost link (server restart, network) it reconnects after a random wait (default up
 * to 1 s, doubling to 30 s); keep-alive pings find a silently dead link. {@link #connected()} says whether a request
 * can go now, so the ACS can fall back to HTTP or UDP when it cannot.
 */
public final class XmppConnectionRequester implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(XmppConnectionRequester.class);

    static {
        // Initialise Smack here, in the caller's thread, before any connection thread runs: Smack's class
        // initialisers deadlock when two threads enter them at once (ProviderManager vs SmackInitialization).
        SmackConfiguration.getVersion();
    }

    private final Builder config;
    private final ReconnectLoop loop;
    private final Object connectedLock = new Object();
    private volatile XMPPTCPConnection current;
    private volatile XMPPTCPConnection attempting;
    private volatile boolean closed;
    private boolean started;

    private XmppConnectionRequester(Builder b) {
        this.config = b;
        this.loop = new ReconnectLoop("xmpp-acs-" + b.username, b.retry, f -> connect(), new ReconnectLoop.Observer() {
            @Override
            public void attemptFailed(int failuresInARow, Exception e, Duration nextWait) {
                log.warn("XMPP login of {}@{} to {}:{} failed ({} in a row): {}; next try within {} ms", b.username,
                        b.domain, b.host, b.port, failuresInARow, e.toString(), nextWait.toMillis());
            }
        }, b.random);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts logging in, in the background. */
    public synchronized XmppConnectionRequester start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        loop.start();
        return this;
    }

    /** Whether a request can be sent now: logged in and not lost. */
    public boolean connected() {
        XMPPTCPConnection c = current;
        return c != null && c.isAuthenticated();
    }

    /** Waits until {@link #connected()}, at most {@code timeout}; false if it is not by then. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (connectedLock) {
            while (!connected()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(connectedLock, left);
            }
            return true;
        }
    }

    /**
     * The ACS's own full JID while logged in. Its bare form is what a CPE's ConnReqAllowedJabberIDs should hold
     * (any resource of this account then passes, so several ACS nodes can share the account).
     */
    public Optional<String> jabberId() {
        XMPPTCPConnection c = current;
        return c != null && c.getUser() != null ? Optional.of(c.getUser().toString()) : Optional.empty();
    }

    /** {@link #request(String, String, String, Duration)} with the builder's request timeout. */
    public XmppConnectionRequestOutcome request(String cpeJabberId, String username, String password) {
        return request(cpeJabberId, username, password, config.requestTimeout);
    }

    /**
     * Sends a connection request to the CPE's ConnReqJabberID and waits for its answer. Never throws; blocks at most
     * {@code timeout} (a virtual thread is the place to call it from).
     *
     * @param cpeJabberId the device's ConnReqJabberID (a full JID; a bare one is answered by the server)
     * @param username    the device's ConnectionRequestUsername
     * @param password    the device's ConnectionRequestPassword
     */
    public XmppConnectionRequestOutcome request(String cpeJabberId, String username, String password,
                                                Duration timeout) {
        XMPPTCPConnection c = current;
        if (c == null || !c.isAuthenticated()) {
            return new XmppConnectionRequestOutcome(Result.NOT_CONNECTED, null, null, Duration.ZERO);
        }
        Jid to;
        try {
            to = JidCreate.from(Objects.requireNonNull(cpeJabberId, "cpeJabberId").strip());
        } catch (XmppStringprepException | IllegalArgumentException | NullPointerException e) {
            return new XmppConnectionRequestOutcome(Result.INVALID_JID, null, null, Duration.ZERO);
        }
        ConnectionRequestIQ iq = new ConnectionRequestIQ(username, password);
        iq.setTo(to);
        long start = System.nanoTime();
        StanzaCollector collector = null;
        try {
            collector = c.createStanzaCollectorAndSend(iq);
            Stanza answer = collector.nextResult(Math.max(1, timeout.toMillis()));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (answer == null) {
                return new XmppConnectionRequestOutcome(c.isAuthenticated() ? Result.TIMEOUT : Result.NOT_CONNECTED,
                        null, null, elapsed);
            }
            IQ reply = (IQ) answer;
            if (reply.getType() == IQ.Type.result) {
                return new XmppConnectionRequestOutcome(Result.DELIVERED, null, null, elapsed);
            }
            StanzaError error = reply.getError();
            String condition = error != null && error.getCondition() != null ? error.getCondition().toString()
                    : "undefined-condition";
            String type = error != null && error.getType() != null ? error.getType().toString() : null;
            return new XmppConnectionRequestOutcome(Result.REFUSED, condition, type, elapsed);
        } catch (SmackException.NotConnectedException e) {
            return new XmppConnectionRequestOutcome(Result.NOT_CONNECTED, null, null,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new XmppConnectionRequestOutcome(Result.TIMEOUT, null, null,
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            if (collector != null) {
                collector.cancel();
            }
        }
    }

    // --- the link ---------------------------------------------------------------------------------------------

    private void connect() throws Exception {
        Builder b = config;
        XMPPTCPConnection c = XmppLogin.connection(new XmppLogin.Settings(
                // Resolved here (hosts file, system resolver) rather than by Smack's own DNS client.
                InetAddress.getByName(b.host), b.port, b.domain, b.username, b.password, b.resource,
                b.tls ? SecurityMode.required : SecurityMode.disabled, b.trust, b.connectTimeout, b.keepAlive),
                this::linkLost);
        attempting = c;
        try {
            XmppLogin.login(c);
        } finally {
            attempting = null;
        }
        current = c;
        if (closed || !c.isAuthenticated()) { // closed meanwhile, or lost before current was set
            current = null;
            c.instantShutdown();
            throw new java.io.IOException("the link closed right after login");
        }
        log.info("XMPP connection requests from {} (TLS {})", c.getUser(), c.isSecureConnection());
        connectionChanged(true);
    }

    private void linkLost(XMPPConnection c, String why) {
        if (c != current || closed) {
            return;
        }
        current = null;
        log.warn("XMPP link {} lost: {}", c.getUser(), why);
        connectionChanged(false);
        loop.lost();
    }

    private void connectionChanged(boolean up) {
        synchronized (connectedLock) {
            connectedLock.notifyAll();
        }
        if (config.onConnectionChange != null) {
            try {
                config.onConnectionChange.accept(up);
            } catch (RuntimeException e) {
                log.warn("onConnectionChange failed", e);
            }
        }
    }

    /** Logs out and stops reconnecting. Idempotent. */
    @Override
    public void close() {
        closed = true;
        loop.close();
        XMPPTCPConnection c = current;
        current = null;
        XmppLogin.close(attempting, c);
        if (c != null) {
            connectionChanged(false);
        }
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 5222;
        private String domain;
        private String username;
        private String password;
        private String resource;
        private boolean tls = true;
        private X509TrustManager trust;
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration keepAlive = Duration.ofSeconds(60);
        private ServerRetry retry = new ServerRetry(Duration.ofSeconds(1), 2000, Duration.ofSeconds(30));
        private Consumer<Boolean> onConnectionChange;
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder() {
        }

        /** The XMPP server's address (a name or an IP literal) and client port. */
        public Builder server(String host, int port) {
            this.host = Objects.requireNonNull(host);
            this.port = port;
            return this;
        }

        /** The XMPP domain (service name) the ACS's account lives in. */
        public Builder domain(String domain) {
            this.domain = Objects.requireNonNull(domain);
            return this;
        }

        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username);
            this.password = Objects.requireNonNull(password);
            return this;
        }

        /** The resource to bind; unset lets the server choose. One per ACS node keeps their JIDs apart. */
        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        /** TLS required, the server's certificate checked against these CAs (see XmppTrust) and the domain. */
        public Builder trust(X509TrustManager trust) {
            this.tls = true;
            this.trust = trust;
            return this;
        }

        /** TLS required, checked against the JDK's CAs. The default. */
        public Builder tlsWithDefaultTrust() {
            this.tls = true;
            this.trust = null;
            return this;
        }

        /** No TLS: only for a closed test network, since the CPEs' credentials cross the link in clear. */
        public Builder plaintext() {
            this.tls = false;
            this.trust = null;
            return this;
        }

        /** How long {@link #request(String, String, String)} waits for the CPE's answer. Default 5 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        /** TCP connect and each login step. Default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }

        /** Pings the server when the link was quiet this long, to notice a dead one. Default 60 s; zero for none. */
        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = Objects.requireNonNull(keepAlive);
            return this;
        }

        /** The waits between login attempts. Default: random up to 1 s, doubling, at most 30 s. */
        public Builder reconnect(ServerRetry retry) {
            this.retry = Objects.requireNonNull(retry);
            return this;
        }

        /** Told true when the link comes up, false when it goes down. */
        public Builder onConnectionChange(Consumer<Boolean> onConnectionChange) {
            this.onConnectionChange = onConnectionChange;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public XmppConnectionRequester build() {
            if (domain == null || username == null) {
                throw new IllegalStateException("domain and credentials are required");
            }
            return new XmppConnectionRequester(this);
        }
    }
}
