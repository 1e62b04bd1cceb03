package org.jcwmp.cpe.xmpp;

import org.jcwmp.xmpp.ConnectionRequestIQ;
import org.jcwmp.xmpp.ConnectionRequestIQProvider;
import org.jcwmp.xmpp.XmppLogin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;
import org.jcwmp.core.xmpp.ReconnectLoop;
import org.jcwmp.core.xmpp.XmppConnReq;
import org.jcwmp.cpe.connreq.RateLimit;
import org.jcwmp.cpe.xmpp.ConnectionRequestCheck.Verdict;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPE's XMPP connection request listener (TR-069 Annex K): stays logged in to the XMPP server of one
 * Device.XMPP.Connection.{i}, answers {@code connectionRequest} IQs and tells the agent to open a session.
 *
 * <ul>
 *   <li>Sender not in ConnReqAllowedJabberIDs: {@code service-unavailable} (cancel), no session.</li>
 *   <li>Username/password not ConnectionRequestUsername/Password: {@code not-authorized} (cancel), no session.</li>
 *   <li>An IQ in another namespace (or of type set): {@code service-unavailable}, as RFC 6120 8.4 asks of a
 *       payload nobody serves.</li>
 *   <li>Accepted beyond the rate limit (default {@value #DEFAULT_MAX_PER_SECOND} a second): {@code service-unavailable}
 *       with type wait, no session. TR-069 names no condition for this; it is the XMPP form of the HTTP listener's
 *       503, and "wait" tells the ACS to try again later.</li>
 *   <li>Accepted: the empty result is sent first, then {@code onConnectionRequest} runs (the agent queues a session
 *       with 6 CONNECTION REQUEST).</li>
 * </ul>
 *
 * <p>The error answers echo the request beside the error, as TR-069's examples do. Both conditions carry type
 * "cancel" as in TR-069's examples and deployed CPEs, although RFC 6120 lists "auth" as not-authorized's usual type;
 * an ACS should look at the condition only.
 *
 * <p>After a failed login or a lost link it reconnects after the ServerRetry* wait (random in [0, bound], TR-181);
 * keep-alive pings (XEP-0199, KeepAliveInterval) find a silently dead link. Changing the configuration means closing
 * this listener and building a new one.
 */
public final class XmppConnectionRequestListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(XmppConnectionRequestListener.class);
    /** Accepted connection requests per second, as for the HTTP listener. */
    public static final int DEFAULT_MAX_PER_SECOND = 3;

    static {
        // Initialise Smack here, in the caller's thread, before any connection thread runs: Smack's class
        // initialisers deadlock when two threads enter them at once (seen here: ProviderManager vs
        // SmackInitialization, one thread each).
        SmackConfiguration.getVersion();
        ConnectionRequestIQProvider.register();
    }

    private final XmppConnectionConfig config;
    private final X509TrustManager trust;
    private final ConnectionRequestCheck check;
    private final Runnable onConnectionRequest;
    private final BiConsumer<String, Verdict> onAnswered;
    private final Consumer<XmppConnectionState> onStateChange;
    private final Duration connectTimeout;
    private final Clock clock;
    private final ReconnectLoop loop;
    private final Object stateLock = new Object();
    private volatile XmppConnectionState state;
    private volatile XMPPTCPConnection current;
    private volatile XMPPTCPConnection attempting;
    private volatile boolean closed;
    private volatile boolean serverRequiresTls;
    private boolean started;

    private XmppConnectionRequestListener(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        this.trust = b.trust;
        this.check = new ConnectionRequestCheck(b.allowedJabberIds, b.username, b.password, b.rateLimit);
        this.onConnectionRequest = Objects.requireNonNull(b.onConnectionRequest, "onConnectionRequest");
        this.onAnswered = b.onAnswered;
        this.onStateChange = b.onStateChange;
        this.connectTimeout = b.connectTimeout;
        this.clock = b.clock;
        this.state = new XmppConnectionState(XmppConnectionStatus.DISABLED, b.lastJabberId, false, clock.instant(), "");
        String name = "xmpp-cr-" + (config.username().isEmpty() ? "cpe" : config.username());
        this.loop = new ReconnectLoop(name, config.serverRetry(), this::connect, new ReconnectLoop.Observer() {
            @Override
            public void attemptFailed(int failuresInARow, Exception e, Duration nextWait) {
                log.info("XMPP login to {}:{} failed ({} in a row): {}; next try within {} ms", config.host(),
                        config.port(), failuresInARow, XmppLogin.describe(e), nextWait.toMillis());
            }
        }, b.random);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts logging in, in the background; the state callback tells when the link is up. */
    public synchronized XmppConnectionRequestListener start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        setState(XmppConnectionStatus.CONNECTING, state.jabberId(), false, "");
        loop.start();
        return this;
    }

    /** The last state reported. */
    public XmppConnectionState state() {
        return state;
    }

    /** The full JID of the last login (ConnReqJabberID), empty before the first one. */
    public String jabberId() {
        return state.jabberId();
    }

    // --- the link ---------------------------------------------------------------------------------------------

    /** One login attempt; the loop calls it and retries on an exception. */
    private void connect(int failuresInARow) throws Exception {
        XMPPTCPConnection c;
        try {
            InetAddress address = pickAddress(failuresInARow);
            try {
                c = login(address, config.useTls() || serverRequiresTls ? SecurityMode.required : SecurityMode.disabled);
            } catch (SmackException.SecurityRequiredByServerException e) {
                // UseTLS false means "TLS only when the server requires it" (TR-181), and this server does.
                serverRequiresTls = true;
                c = login(address, SecurityMode.required);
            }
        } catch (Exception e) {
            if (!closed) {
                setState(statusFor(e), state.jabberId(), false, XmppLogin.describe(e));
            }
            throw e;
        }
        current = c;
        if (closed || !c.isAuthenticated()) { // closed meanwhile, or lost before current was set
            current = null;
            c.instantShutdown();
            throw new IOException("the link closed right after login");
        }
        String jid = c.getUser() != null ? c.getUser().toString() : "";
        setState(XmppConnectionStatus.ENABLED, jid, c.isSecureConnection(), "");
        log.info("XMPP connection requests on {} (TLS {})", jid, c.isSecureConnection());
    }

    private XMPPTCPConnection login(InetAddress address, SecurityMode securityMode) throws Exception {
        XMPPTCPConnection c = XmppLogin.connection(new XmppLogin.Settings(address, config.port(), config.domain(),
                config.username(), config.password(), config.resource(), securityMode, trust, connectTimeout,
                Duration.ofSeconds(config.keepAliveSeconds())), this::linkLost);
        c.setUnknownIqRequestReplyMode(SmackConfiguration.UnknownIqRequestReplyMode.replyServiceUnavailable);
        c.registerIQRequestHandler(new ConnectionRequestHandler(c));
        attempting = c;
        try {
            XmppLogin.login(c);
        } finally {
            attempting = null;
        }
        return c;
    }

    private void linkLost(XMPPConnection c, String why) {
        if (c != current || closed) {
            return; // an old link, or our own close
        }
        current = null;
        log.info("XMPP link {} lost: {}", state.jabberId(), why);
        setState(XmppConnectionStatus.CONNECTING, state.jabberId(), false, why);
        loop.lost();
    }

    /** TR-181: ServerConnectAttempts tries on one address, then the next one the name resolves to. */
    private InetAddress pickAddress(int failuresInARow) throws UnknownHostException {
        if (config.host().isEmpty()) {
            throw new IllegalArgumentException("neither ServerAddress nor Domain is set");
        }
        InetAddress[] all = InetAddress.getAllByName(config.host());
        long perAddress = Math.max(1, config.serverConnectAttempts());
        return all[(int) ((failuresInARow / perAddress) % all.length)];
    }

    // --- the requests -----------------------------------------------------------------------------------------

    private final class ConnectionRequestHandler extends AbstractIqRequestHandler {
        private final XMPPTCPConnection connection;

        ConnectionRequestHandler(XMPPTCPConnection connection) {
            super(XmppConnReq.ELEMENT, XmppConnReq.NAMESPACE, IQ.Type.get, IQRequestHandler.Mode.async);
            this.connection = connection;
        }

        @Override
        public IQ handleIQRequest(IQ iq) {
            ConnectionRequestIQ request = iq instanceof ConnectionRequestIQ cr ? cr : new ConnectionRequestIQ(null, null);
            String from = iq.getFrom() != null ? iq.getFrom().toString() : null;
            Verdict verdict = check.check(from, request.username(), request.password());
            if (verdict != Verdict.ACCEPTED) {
                log.info("XMPP connection request from {} refused: {}", from, verdict);
                answered(from, verdict);
                return switch (verdict) {
                    case SENDER_NOT_ALLOWED -> errorAnswer(iq, request, StanzaError.Condition.service_unavailable,
                            StanzaError.Type.CANCEL);
                    case NOT_AUTHORIZED -> errorAnswer(iq, request, StanzaError.Condition.not_authorized,
                            StanzaError.Type.CANCEL);
                    default -> errorAnswer(iq, request, StanzaError.Condition.service_unavailable,
                            StanzaError.Type.WAIT);
                };
            }
            try {
                // The answer goes out before the session starts, as TR-069 asks; so we send it ourselves.
                connection.sendStanza(IQ.createResultIQ(iq));
            } catch (SmackException.NotConnectedException | InterruptedException e) {
                log.info("XMPP connection request from {} accepted but the answer was not sent: {}", from, e.toString());
            }
            log.debug("XMPP connection request from {} accepted", from);
            answered(from, verdict);
            try {
                onConnectionRequest.run();
            } catch (RuntimeException e) {
                log.warn("onConnectionRequest failed", e);
            }
            return null;
        }

        private IQ errorAnswer(IQ iq, ConnectionRequestIQ request, StanzaError.Condition condition,
                               StanzaError.Type type) {
            return ConnectionRequestIQ.errorAnswer(iq, request.username(), request.password(), condition, type);
        }
    }

    private void answered(String from, Verdict verdict) {
        if (onAnswered != null) {
            try {
                onAnswered.accept(from, verdict);
            } catch (RuntimeException e) {
                log.warn("onAnswered failed", e);
            }
        }
    }

    // --- state ------------------------------------------------------------------------------------------------

    private void setState(XmppConnectionStatus status, String jabberId, boolean tls, String detail) {
        XmppConnectionState next;
        synchronized (stateLock) {
            XmppConnectionState prev = state;
            if (prev.status() == status && prev.jabberId().equals(jabberId) && prev.tlsEstablished() == tls) {
                return;
            }
            next = new XmppConnectionState(status, jabberId, tls, clock.instant(), detail);
            state = next;
        }
        if (onStateChange != null) {
            try {
                onStateChange.accept(next);
            } catch (RuntimeException e) {
                log.warn("onStateChange failed", e);
            }
        }
    }

    static XmppConnectionStatus statusFor(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SASLErrorException || t instanceof SSLException || t instanceof CertificateException
                    || t instanceof SmackException.SmackCertificateException) {
                return XmppConnectionStatus.ERROR_AUTHENTICATION_FAILURE;
            }
            if (t instanceof XmppStringprepException || t instanceof IllegalArgumentException
                    || t instanceof SmackException.SecurityRequiredException
                    || t instanceof GeneralSecurityException) {
                return XmppConnectionStatus.ERROR_MISCONFIGURED;
            }
            if (t instanceof IOException || t instanceof SmackException.ConnectionException
                    || t instanceof SmackException.NoResponseException) {
                return XmppConnectionStatus.SERVER_NOT_PRESENT;
            }
        }
        return XmppConnectionStatus.ERROR;
    }


    /** Logs out and stops reconnecting; Status becomes Disabled, JabberID is kept. Idempotent. */
    @Override
    public void close() {
        closed = true;
        loop.close();
        XMPPTCPConnection c = current;
        current = null;
        XmppLogin.close(attempting, c);
        setState(XmppConnectionStatus.DISABLED, state.jabberId(), false, "");
    }

    public static final class Builder {
        private XmppConnectionConfig config;
        private X509TrustManager trust;
        private Supplier<String> allowedJabberIds = () -> "";
        private Supplier<String> username = () -> "";
        private Supplier<String> password = () -> "";
        private RateLimit rateLimit = new RateLimit(DEFAULT_MAX_PER_SECOND, Duration.ofSeconds(1));
        private Runnable onConnectionRequest;
        private BiConsumer<String, Verdict> onAnswered;
        private Consumer<XmppConnectionState> onStateChange;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private String lastJabberId = "";
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder() {
        }

        /** The Device.XMPP.Connection.{i} to log in with. */
        public Builder config(XmppConnectionConfig config) {
            this.config = config;
            return this;
        }

        /** The CAs to trust for the server's certificate; null (default) means the JDK's. */
        public Builder trust(X509TrustManager trust) {
            this.trust = trust;
            return this;
        }

        /** ManagementServer.ConnectionRequestUsername and ConnectionRequestPassword, read on every request. */
        public Builder connectionRequestCredentials(Supplier<String> username, Supplier<String> password) {
            this.username = Objects.requireNonNull(username);
            this.password = Objects.requireNonNull(password);
            return this;
        }

        /** ManagementServer.ConnReqAllowedJabberIDs (the comma-separated value), read on every request. */
        public Builder allowedJabberIds(Supplier<String> allowedJabberIds) {
            this.allowedJabberIds = Objects.requireNonNull(allowedJabberIds);
            return this;
        }

        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = Objects.requireNonNull(rateLimit);
            return this;
        }

        /** Runs after an accepted request was answered: the agent opens a session with 6 CONNECTION REQUEST. */
        public Builder onConnectionRequest(Runnable onConnectionRequest) {
            this.onConnectionRequest = onConnectionRequest;
            return this;
        }

        /** Told every request's sender and verdict (accepted or not), after the answer; for logs and tests. */
        public Builder onAnswered(BiConsumer<String, Verdict> onAnswered) {
            this.onAnswered = onAnswered;
            return this;
        }

        /** Told every change of Status, JabberID or TLSEstablished. */
        public Builder onStateChange(Consumer<XmppConnectionState> onStateChange) {
            this.onStateChange = onStateChange;
            return this;
        }

        /**
         * The JabberID of the previous run (the persisted value), reported until the first login replaces it, so
         * that ConnReqJabberID does not flicker to empty across a restart (TR-181 wants it kept).
         */
        public Builder lastJabberId(String jabberId) {
            this.lastJabberId = Objects.requireNonNullElse(jabberId, "");
            return this;
        }

        /** TCP connect and each login step. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public XmppConnectionRequestListener build() {
            return new XmppConnectionRequestListener(this);
        }
    }
}
