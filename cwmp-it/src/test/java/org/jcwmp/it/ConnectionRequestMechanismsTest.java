package org.jcwmp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.store.Device;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.cpe.CpeAgent;
import org.jcwmp.app.xmpp.ProsodyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection request mechanisms wired end to end, a real ACS and real agents in one JVM on loopback: HTTP, UDP
 * via the ACS's STUN server when HTTP cannot reach the agent, and XMPP through a real Prosody. Each ends in an Inform
 * with 6 CONNECTION REQUEST, and the ACS reports which mechanism did it.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionRequestMechanismsTest {
    private static final String OUI = "00D09E";
    private static final String PRODUCT_CLASS = "HomeGateway";
    private static final String DOMAIN = "jcwmp.test";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final InformRecorder informs = new InformRecorder();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private AcsServer acs(AcsServer.Builder b) {
        AcsServer acs = b.cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir.resolve("acs"))
                .cpeCredentials("cpe", "cpe-secret").connectionRequestCredentials("acs", "cr-secret")
                .connectionRequestInformWait(Duration.ofSeconds(10)).build().start();
        closing.add(acs);
        acs.addListener(informs);
        return acs;
    }

    private CpeAgent agent(AcsServer acs, String serial, java.util.function.UnaryOperator<CpeAgent.Builder> more) {
        CpeAgent agent = more.apply(CpeAgent.builder()
                .acsUrl(URI.create(acs.cwmpUrl()))
                .acsCredentials("cpe", "cpe-secret")
                .stateDirectory(dir.resolve("cpe").resolve(serial))
                .deviceId(new DeviceIdStruct("jcwmp", OUI, PRODUCT_CLASS, serial))
                .connectionRequestCredentials("acs", "cr-secret")
                .connectionRequestAddress("127.0.0.1", 0)).build();
        closing.add(agent);
        agent.start();
        return agent;
    }

    private static String id(String serial) {
        return OUI + "-" + PRODUCT_CLASS + "-" + serial;
    }

    private static Device device(AcsServer acs, String serial) {
        return acs.devices().find(id(serial)).orElseThrow();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void http() {
        AcsServer acs = acs(AcsServer.builder());
        long t0 = System.nanoTime();
        agent(acs, "MECHHTTP", b -> b);
        informs.waitFor(id("MECHHTTP"), EventCode.BOOTSTRAP, t0);

        long t1 = System.nanoTime();
        ConnectionRequestOutcome o = acs.connectionRequester().request(device(acs, "MECHHTTP"));
        assertThat(o.mechanism()).isEqualTo("http");
        assertThat(o.delivered()).as(o.detail()).isTrue();
        assertThat(o.informAfter()).isNotNull();
        informs.waitFor(id("MECHHTTP"), EventCode.CONNECTION_REQUEST, t1);
    }

    @Test
    void udpViaStunWhenHttpCannotReachTheAgent() throws Exception {
        AcsServer acs = acs(AcsServer.builder().stun("127.0.0.1", 0));
        String unreachable = "http://127.0.0.1:" + closedPort() + "/";
        long t0 = System.nanoTime();
        CpeAgent agent = agent(acs, "MECHUDP", b -> b.connectionRequestPublicUrl(unreachable)
                .stun("127.0.0.1", acs.stunPort(), "stun-mech-udp", "stun-secret", Duration.ofSeconds(1)));
        informs.waitFor(id("MECHUDP"), EventCode.BOOTSTRAP, t0);
        assertThat(agent.connectionRequestUrl().toString()).startsWith(unreachable + "cr/");
        assertThat(agent.parameterValue("Device.ManagementServer.SupportedConnReqMethods")).isEqualTo("HTTP,STUN,XMPP");

        // The binding: learned by the ACS's STUN server, reported by the agent (active notification) and stored.
        String udpAddress = "127.0.0.1:" + agent.stunPort();
        await().atMost(WAIT).until(() -> udpAddress.equals(device(acs, "MECHUDP").udpConnectionRequestAddress()));
        assertThat(agent.parameterValue("Device.ManagementServer.UDPConnectionRequestAddress")).isEqualTo(udpAddress);
        assertThat(agent.parameterValue("Device.ManagementServer.NATDetected")).isEqualTo("false");
        assertThat(acs.stunBinding("stun-mech-udp").orElseThrow().publicAddress().getPort()).isEqualTo(agent.stunPort());

        // The agent reported its address in a 4 VALUE CHANGE session; a task queued while that session is open runs in
        // it without any connection request, so wait until it is over.
        Nbi nbi = Nbi.asAdmin(acs);
        await().atMost(WAIT).until(() -> !nbi.get("devices/" + id("MECHUDP")).body().get("inSession").asBoolean());
        long t1 = System.nanoTime();
        Nbi.Answer answer = nbi.post("devices/" + id("MECHUDP") + "/tasks?connection_request&timeout=15000",
                "{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.ManagementServer.NATDetected\"]}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().at("/connectionRequest/mechanism").asText()).isEqualTo("udp");
        assertThat(answer.body().at("/connectionRequest/delivered").asBoolean()).isTrue();
        assertThat(answer.body().at("/connectionRequest/detail").asText()).contains("http:");
        assertThat(answer.body().at("/connectionRequest/informAfterMillis").isNumber()).as(answer.text()).isTrue();
        assertThat(answer.body().get("status").asText()).isEqualTo("done");
        informs.waitFor(id("MECHUDP"), EventCode.CONNECTION_REQUEST, t1);

        // And once more directly, after the rate limit's second has passed.
        Thread.sleep(1100);
        ConnectionRequestOutcome o = acs.connectionRequester().request(device(acs, "MECHUDP"));
        assertThat(o.mechanism()).isEqualTo("udp");
        assertThat(o.delivered()).as(o.detail()).isTrue();
        assertThat(o.informAfter()).as(o.detail()).isNotNull();

        // The STUN client follows its parameters: off, then on again with a fresh socket.
        agent.setLocalValue("Device.ManagementServer.STUNEnable", "false");
        await().atMost(WAIT).until(() -> agent.stunPort() == -1);
        agent.setLocalValue("Device.ManagementServer.STUNEnable", "true");
        await().atMost(WAIT).until(() -> agent.stunPort() > 0);
        String moved = "127.0.0.1:" + agent.stunPort();
        await().atMost(WAIT).until(() -> moved.equals(device(acs, "MECHUDP").udpConnectionRequestAddress()));
    }

    @Test
    void xmppThroughProsody() throws Exception {
        assumeTrue(ProsodyServer.available(), ProsodyServer.SKIP_MESSAGE);
        ProsodyServer xmpp = ProsodyServer.start(dir.resolve("prosody"), DOMAIN);
        closing.add(xmpp);
        xmpp.register("acs", "acs-secret");
        xmpp.register("cpe1", "cpe1-secret");
        AcsServer acs = acs(AcsServer.builder()
                .xmpp(xmpp.host(), xmpp.port(), DOMAIN, "acs", "acs-secret", "acs1", xmpp.trust()));
        long t0 = System.nanoTime();
        CpeAgent agent = agent(acs, "MECHXMPP", b -> b.xmpp(xmpp.host(), xmpp.port(), DOMAIN, "cpe1", "cpe1-secret",
                "cwmp", "acs@" + DOMAIN, xmpp.trust(), true));
        informs.waitFor(id("MECHXMPP"), EventCode.BOOTSTRAP, t0);

        String jid = "cpe1@" + DOMAIN + "/cwmp";
        await().atMost(WAIT).until(() -> jid.equals(device(acs, "MECHXMPP").jabberId()));
        assertThat(agent.parameterValue("Device.XMPP.Connection.1.Status")).isEqualTo("Enabled");
        assertThat(agent.parameterValue("Device.XMPP.Connection.1.TLSEstablished")).isEqualTo("true");
        assertThat(agent.parameterValue("Device.ManagementServer.ConnReqJabberID")).isEqualTo(jid);
        await().atMost(WAIT).until(acs::xmppConnected);
        assertThat(acs.xmppJabberId()).hasValue("acs@" + DOMAIN + "/acs1");

        long t1 = System.nanoTime();
        ConnectionRequestOutcome o = acs.connectionRequester().request(device(acs, "MECHXMPP"));
        assertThat(o.mechanism()).isEqualTo("xmpp");
        assertThat(o.delivered()).as(o.detail()).isTrue();
        assertThat(o.informAfter()).as(o.detail()).isNotNull();
        informs.waitFor(id("MECHXMPP"), EventCode.CONNECTION_REQUEST, t1);

        // The device changes its connection request password: the ACS's is now wrong on every mechanism.
        agent.setLocalValue("Device.ManagementServer.ConnectionRequestPassword", "changed-on-the-device");
        Thread.sleep(1100); // past the rate limit's second
        long t2 = System.nanoTime();
        ConnectionRequestOutcome refused = acs.connectionRequester().request(device(acs, "MECHXMPP"));
        assertThat(refused.delivered()).as(refused.detail()).isFalse();
        assertThat(refused.detail()).contains("xmpp: error not-authorized");
        assertThat(refused.informAfter()).isNull();
        Thread.sleep(1000);
        assertThat(informs.find(id("MECHXMPP"), EventCode.CONNECTION_REQUEST, t2)).isNull();
    }
}
