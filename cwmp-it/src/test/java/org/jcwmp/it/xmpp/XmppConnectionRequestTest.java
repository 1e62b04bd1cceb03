package org.jcwmp.it.xmpp;

import org.jcwmp.app.xmpp.ProsodyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jcwmp.acs.xmpp.XmppConnectionRequestOutcome;
import org.jcwmp.acs.xmpp.XmppConnectionRequestOutcome.Result;
import org.jcwmp.acs.xmpp.XmppConnectionRequester;
import org.jcwmp.core.xmpp.ServerRetry;
import org.jcwmp.core.xmpp.XmppConnReq;
import org.jcwmp.cpe.connreq.RateLimit;
import org.jcwmp.cpe.xmpp.ConnectionRequestCheck.Verdict;
import org.jcwmp.cpe.xmpp.XmppConnectionConfig;
import org.jcwmp.cpe.xmpp.XmppConnectionRequestListener;
import org.jcwmp.cpe.xmpp.XmppConnectionState;
import org.jcwmp.cpe.xmpp.XmppConnectionStatus;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.SimpleIQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XMPP connection requests (TR-069 Annex K) end to end through a real Prosody with TLS: the ACS's requester, the
 * CPE's listener, the allow-list rules, both errors, the rate limit, and reconnecting after the server restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// A separate thread, so that even a thread stuck where interrupts do not reach (a class initialiser) ends the test.
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class XmppConnectionRequestTest {
    private static final Logger log = LoggerFactory.getLogger(XmppConnectionRequestTest.class);
    private static final String DOMAIN = "jcwmp.test";
    private static final Duration UP = Duration.ofSeconds(15);
    /** Fast waits for tests: ServerRetryInitialInterval 1 s (its minimum), doubling, at most 2 s. */
    private static final ServerRetry FAST_RETRY = ServerRetry.ofSeconds(1, 2000, 2);

    @TempDir
    static Path dir;
    private static ProsodyServer xmpp;
    private static XmppConnectionRequester acs1;
    private static XmppConnectionRequester acs2;
    private static final AtomicReference<String> allowed = new AtomicReference<>("");
    private static final BlockingQueue<String> sessions = new LinkedBlockingQueue<>();
    private static final BlockingQueue<Verdict> verdicts = new LinkedBlockingQueue<>();
    private static final List<XmppConnectionState> states = Collections.synchronizedList(new ArrayList<>());
    private static XmppConnectionRequestListener cpe;
    private static final List<AutoCloseable> others = new ArrayList<>();

    @BeforeAll
    static void startServerAndClients() throws Exception {
        assumeTrue(ProsodyServer.available(), ProsodyServer.SKIP_MESSAGE);
        xmpp = ProsodyServer.start(dir.resolve("prosody"), DOMAIN);
        xmpp.register("acs", "acs-secret");
        xmpp.register("cpe1", "cpe1-secret");
        xmpp.register("cpe2", "cpe2-secret");
        xmpp.register("cpe3", "cpe3-secret");
        acs1 = acs("node1");
        acs2 = acs("node2");
        cpe = XmppConnectionRequestListener.builder()
                .config(cpeConfig("cpe1", "cpe1-secret", true))
                .trust(xmpp.trust())
                .connectionRequestCredentials(() -> "cruser", () -> "crpass")
                .allowedJabberIds(allowed::get)
                .rateLimit(new RateLimit(1000, Duration.ofSeconds(1))) // the rate limit has its own test
                .onConnectionRequest(() -> sessions.add("6 CONNECTION REQUEST"))
                .onAnswered((from, verdict) -> verdicts.add(verdict))
                .onStateChange(states::add)
                .build().start();
        assertThat(acs1.awaitConnected(UP)).as("ACS node1 logged in").isTrue();
        assertThat(acs2.awaitConnected(UP)).as("ACS node2 logged in").isTrue();
        awaitEnabled(cpe);
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable c : others) {
            c.close();
        }
        if (cpe != null) {
            cpe.close();
        }
        if (acs1 != null) {
            acs1.close();
        }
        if (acs2 != null) {
            acs2.close();
        }
        if (xmpp != null) {
            xmpp.close();
        }
    }

    @BeforeEach
    void reset() {
        allowed.set("acs@" + DOMAIN);
        sessions.clear();
        verdicts.clear();
    }

    private static XmppConnectionRequester acs(String resource) {
        XmppConnectionRequester r = XmppConnectionRequester.builder()
                .server(xmpp.host(), xmpp.port()).domain(DOMAIN)
                .credentials("acs", "acs-secret").resource(resource)
                .trust(xmpp.trust())
                .requestTimeout(Duration.ofSeconds(5))
                .reconnect(new ServerRetry(Duration.ofSeconds(1), 2000, Duration.ofSeconds(2)))
                .build();
        return r.start();
    }

    private static XmppConnectionConfig cpeConfig(String user, String password, boolean useTls) {
        return XmppConnectionConfig.builder()
                .username(user).password(password).domain(DOMAIN).resource("cwmp")
                .server(xmpp.host(), xmpp.port()).useTls(useTls)
                .serverRetry(FAST_RETRY.initialInterval().toSeconds(), FAST_RETRY.multiplierPerMille(),
                        FAST_RETRY.maxInterval().toSeconds())
                .build();
    }

    private static void awaitEnabled(XmppConnectionRequestListener l) throws InterruptedException {
        long deadline = System.nanoTime() + UP.toNanos();
        while (!l.state().connected()) {
            assertThat(System.nanoTime()).as("CPE logged in within %s, state %s", UP, l.state()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String cpeJid() {
        return "cpe1@" + DOMAIN + "/cwmp";
    }

    @Test
    @Order(1)
    void theCpeReportsItsJabberIdAndTls() {
        XmppConnectionState s = cpe.state();
        assertThat(s.status()).isEqualTo(XmppConnectionStatus.ENABLED);
        assertThat(s.status().value()).isEqualTo("Enabled");
        assertThat(s.jabberId()).isEqualTo(cpeJid());
        assertThat(cpe.jabberId()).isEqualTo(cpeJid());
        assertThat(s.tlsEstablished()).isTrue();
        assertThat(states).extracting(XmppConnectionState::status)
                .startsWith(XmppConnectionStatus.CONNECTING, XmppConnectionStatus.ENABLED);
        assertThat(acs1.jabberId()).contains("acs@" + DOMAIN + "/node1");
    }

    @Test
    @Order(2)
    void anAcceptedRequestIsAnsweredAndStartsASession() throws Exception {
        XmppConnectionRequestOutcome o = acs1.request(cpeJid(), "cruser", "crpass");
        assertThat(o.result()).as(o.detail()).isEqualTo(Result.DELIVERED);
        assertThat(o.elapsed()).isPositive().isLessThan(Duration.ofSeconds(5));
        assertThat(sessions.poll(5, TimeUnit.SECONDS)).isEqualTo("6 CONNECTION REQUEST");
        assertThat(verdicts.poll(1, TimeUnit.SECONDS)).isEqualTo(Verdict.ACCEPTED);
        log.info("XMPP connection request -> result: {} ms", o.elapsed().toNanos() / 1e6);
    }

    @Test
    @Order(3)
    void aWrongPasswordIsNotAuthorizedAndStartsNoSession() throws Exception {
        XmppConnectionRequestOutcome o = acs1.request(cpeJid(), "cruser", "guess");
        assertThat(o.result()).isEqualTo(Result.REFUSED);
        assertThat(o.errorCondition()).isEqualTo(XmppConnReq.NOT_AUTHORIZED);
        assertThat(o.errorType()).isEqualTo("cancel");
        assertThat(verdicts.poll(5, TimeUnit.SECONDS)).isEqualTo(Verdict.NOT_AUTHORIZED);
        assertThat(sessions).isEmpty(); // the verdict is told after the (absent) session trigger would have run
    }

    @Test
    @Order(4)
    void aSenderNotAllowedIsServiceUnavailableAndStartsNoSession() throws Exception {
        allowed.set("other-acs@" + DOMAIN);
        XmppConnectionRequestOutcome o = acs1.request(cpeJid(), "cruser", "crpass");
        assertThat(o.result()).isEqualTo(Result.REFUSED);
        assertThat(o.errorCondition()).isEqualTo(XmppConnReq.SERVICE_UNAVAILABLE);
        assertThat(o.errorType()).isEqualTo("cancel");
        assertThat(verdicts.poll(5, TimeUnit.SECONDS)).isEqualTo(Verdict.SENDER_NOT_ALLOWED);
        assertThat(sessions).isEmpty();
    }

    @Test
    @Order(5)
    void aBareJidAllowsEveryResourceAFullJidOnlyItself() throws Exception {
        allowed.set("acs@" + DOMAIN);
        assertThat(acs1.request(cpeJid(), "cruser", "crpass").result()).isEqualTo(Result.DELIVERED);
        assertThat(acs2.request(cpeJid(), "cruser", "crpass").result()).isEqualTo(Result.DELIVERED);

        allowed.set("someone@" + DOMAIN + ", acs@" + DOMAIN + "/node1");
        assertThat(acs1.request(cpeJid(), "cruser", "crpass").result()).isEqualTo(Result.DELIVERED);
        XmppConnectionRequestOutcome node2 = acs2.request(cpeJid(), "cruser", "crpass");
        assertThat(node2.result()).isEqualTo(Result.REFUSED);
        assertThat(node2.errorCondition()).isEqualTo(XmppConnReq.SERVICE_UNAVAILABLE);

        allowed.set(""); // empty: everyone
        assertThat(acs2.request(cpeJid(), "cruser", "crpass").result()).isEqualTo(Result.DELIVERED);
        for (int i = 0; i < 4; i++) {
            assertThat(sessions.poll(5, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(sessions.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    @Order(6)
    void anotherNamespaceIsServiceUnavailable() throws Exception {
        int statesBefore = states.size();
        XMPPTCPConnection raw = rawAcs();
        try {
            IQ iq = new SimpleIQ(XmppConnReq.ELEMENT, "urn:broadband-forum-org:cwmp:xmppConnReq-2-0") {
            };
            iq.setType(IQ.Type.get);
            iq.setTo(JidCreate.from(cpeJid()));
            try (StanzaCollector c = raw.createStanzaCollectorAndSend(iq)) {
                IQ answer = c.nextResult(5000);
                assertThat(answer).isNotNull();
                assertThat(answer.getType()).isEqualTo(IQ.Type.error);
                assertThat(answer.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
            }
        } finally {
            raw.disconnect();
        }
        assertThat(verdicts).isEmpty();
        assertThat(sessions).isEmpty();
        // and the answer was well-formed: the server did not cut the CPE's link (Smack 4.4.8's own answer would)
        Thread.sleep(300);
        assertThat(states.subList(statesBefore, states.size())).isEmpty();
        assertThat(cpe.state().connected()).isTrue();
    }

    @Test
    @Order(7)
    void anErrorWithAnUnknownConditionCutsNoLink() throws Exception {
        int statesBefore = states.size();
        XMPPTCPConnection raw = rawAcs();
        try {
            for (String to : List.of(acs1.jabberId().orElseThrow(), cpeJid())) {
                // As some CPEs in the field answer: a misspelt condition, which Smack cannot map.
                IQ odd = new IQ("error", "jabber:client") {
                    @Override
                    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(
                            IQChildElementXmlStringBuilder xml) {
                        xml.attribute("type", "cancel");
                        xml.rightAngleBracket();
                        xml.append("<not-autorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>");
                        return xml;
                    }
                };
                odd.setType(IQ.Type.error);
                odd.setStanzaId("odd-" + to.hashCode());
                odd.setTo(JidCreate.from(to));
                raw.sendStanza(odd);
            }
            Thread.sleep(500);
            assertThat(raw.isAuthenticated()).as("the odd stanzas went out").isTrue();
        } finally {
            raw.disconnect();
        }
        assertThat(acs1.connected()).isTrue();
        assertThat(states.subList(statesBefore, states.size())).isEmpty();
        assertThat(acs1.request(cpeJid(), "cruser", "crpass").result()).isEqualTo(Result.DELIVERED);
        assertThat(sessions.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    /** A plain Smack login as the ACS's account, for stanzas our requester never sends. */
    private static XMPPTCPConnection rawAcs() throws Exception {
        XMPPTCPConnection raw = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setUsernameAndPassword("acs", "acs-secret").setXmppDomain(DOMAIN).setResource("raw")
                .setHostAddress(java.net.InetAddress.getByName(xmpp.host())).setPort(xmpp.port())
                .setCustomX509TrustManager(xmpp.trust()).build());
        raw.connect().login();
        return raw;
    }

    @Test
    @Order(8)
    void beyondTheRateLimitTheCpeSaysWait() throws Exception {
        BlockingQueue<String> cpe2Sessions = new LinkedBlockingQueue<>();
        XmppConnectionRequestListener cpe2 = XmppConnectionRequestListener.builder()
                .config(cpeConfig("cpe2", "cpe2-secret", true)).trust(xmpp.trust())
                .connectionRequestCredentials(() -> "cruser", () -> "crpass")
                .allowedJabberIds(() -> "acs@" + DOMAIN)
                .onConnectionRequest(() -> cpe2Sessions.add("6 CONNECTION REQUEST"))
                .build().start(); // the default: 3 a second
        others.add(cpe2);
        awaitEnabled(cpe2);
        List<XmppConnectionRequestOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(acs1.request(cpe2.jabberId(), "cruser", "crpass"));
        }
        // 5 requests in well under a second (loopback): the first 3 pass, the others wait.
        assertThat(outcomes).extracting(XmppConnectionRequestOutcome::result)
                .containsExactly(Result.DELIVERED, Result.DELIVERED, Result.DELIVERED, Result.REFUSED, Result.REFUSED);
        assertThat(outcomes.get(4).errorCondition()).isEqualTo(XmppConnReq.SERVICE_UNAVAILABLE);
        assertThat(outcomes.get(4).errorType()).isEqualTo("wait");
        Thread.sleep(300);
        assertThat(cpe2Sessions).hasSize(3);
    }

    @Test
    @Order(9)
    void useTlsFalseStillUsesTlsWhenTheServerRequiresIt() throws Exception {
        XmppConnectionRequestListener cpe3 = XmppConnectionRequestListener.builder()
                .config(cpeConfig("cpe3", "cpe3-secret", false)).trust(xmpp.trust())
                .onConnectionRequest(() -> { })
                .build().start();
        others.add(cpe3);
        awaitEnabled(cpe3);
        assertThat(cpe3.state().tlsEstablished()).isTrue();
    }

    @Test
    @Order(10)
    void aWrongXmppPasswordIsAnAuthenticationFailure() throws Exception {
        XmppConnectionRequestListener bad = XmppConnectionRequestListener.builder()
                .config(cpeConfig("cpe3", "not-the-password", true)).trust(xmpp.trust())
                .onConnectionRequest(() -> { })
                .build().start();
        try {
            long deadline = System.nanoTime() + UP.toNanos();
            while (bad.state().status() != XmppConnectionStatus.ERROR_AUTHENTICATION_FAILURE) {
                assertThat(System.nanoTime()).as("state %s", bad.state()).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(bad.state().jabberId()).isEmpty();
        } finally {
            bad.close();
        }
        assertThat(bad.state().status()).isEqualTo(XmppConnectionStatus.DISABLED);
    }

    @Test
    @Order(11)
    void anOfflineCpeIsServiceUnavailableFromTheServer() {
        // Prosody answers for a full JID that is not online; the ACS should then try HTTP or UDP.
        XmppConnectionRequestOutcome o = acs1.request("cpe2@" + DOMAIN + "/not-online", "cruser", "crpass");
        assertThat(o.result()).isEqualTo(Result.REFUSED);
        assertThat(o.errorCondition()).isEqualTo(XmppConnReq.SERVICE_UNAVAILABLE);
        assertThat(acs1.request("no such jid@", "u", "p").result()).isEqualTo(Result.INVALID_JID);
    }

    @Test
    @Order(12)
    void latencyOverLoopback() {
        for (int i = 0; i < 5; i++) { // warm-up: JIT, TLS buffers
            acs1.request(cpeJid(), "cruser", "crpass");
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            XmppConnectionRequestOutcome o = acs1.request(cpeJid(), "cruser", "crpass");
            assertThat(o.result()).isEqualTo(Result.DELIVERED);
            millis.add(o.elapsed().toNanos() / 1e6);
        }
        Collections.sort(millis);
        // A figure for the log, not an assertion: timed unit tests are no benchmark (DESIGN.md).
        log.info("XMPP connection request -> result over loopback with TLS, n={}: median {} ms, p90 {} ms, max {} ms",
                millis.size(), fmt(millis.get(millis.size() / 2)), fmt(millis.get(millis.size() * 9 / 10)),
                fmt(millis.get(millis.size() - 1)));
    }

    @Test
    @Order(100)
    void bothSidesReconnectAfterTheServerRestarts() throws Exception {
        long oldPid = xmpp.pid();
        long start = System.nanoTime();
        xmpp.restart();
        assertThat(xmpp.pid()).isNotEqualTo(oldPid);
        Duration bound = Duration.ofSeconds(20);
        long deadline = start + bound.toNanos();
        // Both notice the loss (the server ends their streams) and come back with the ServerRetry waits.
        while (!(acs1.connected() && cpe.state().connected() && cpe.state().tlsEstablished())) {
            assertThat(System.nanoTime()).as("reconnected within %s: ACS %s, CPE %s", bound, acs1.connected(),
                    cpe.state()).isLessThan(deadline);
            Thread.sleep(20);
        }
        Duration back = Duration.ofNanos(System.nanoTime() - start);
        assertThat(states).extracting(XmppConnectionState::status).contains(XmppConnectionStatus.CONNECTING);
        assertThat(cpe.jabberId()).isEqualTo(cpeJid());
        XmppConnectionRequestOutcome o = acs1.request(cpeJid(), "cruser", "crpass");
        assertThat(o.result()).as(o.detail()).isEqualTo(Result.DELIVERED);
        assertThat(sessions.poll(5, TimeUnit.SECONDS)).isEqualTo("6 CONNECTION REQUEST");
        log.info("after a Prosody restart both sides were back in {} ms", back.toMillis());
    }

    private static String fmt(double ms) {
        return String.format("%.2f", ms);
    }
}
