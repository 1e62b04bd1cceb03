package org.jcwmp.acs.connreq;

import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.stun.StunServer;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.udpcr.UdpConnectionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which mechanism the ACS uses for a device, and the fallback from one to the next. */
class ConnectionRequesterTest {
    private StunServer stun;
    private ConnectionRequester requester;
    private DatagramSocket cpe;

    @BeforeEach
    void start() throws Exception {
        stun = StunServer.builder().bindAddress("127.0.0.1", 0).passwordOfStunUser(u -> null).build();
        stun.start();
        requester = new ConnectionRequester(Duration.ofSeconds(2), "acs", "secret", Duration.ZERO);
        requester.useUdp(stun);
        cpe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        cpe.setSoTimeout(3000);
    }

    @AfterEach
    void stop() throws Exception {
        cpe.close();
        requester.close();
        stun.close();
    }

    private Device device(String url, String udp, String jabberId) {
        return new Device("00D09E-Box-S1", new DeviceIdStruct("m", "00D09E", "Box", "S1"), Instant.now(), Instant.now(),
                null, url, null, null, udp, jabberId, null, null);
    }

    private String receive() throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        cpe.receive(p);
        assertThat(p.getPort()).as("sent from the STUN socket").isEqualTo(stun.localAddress().getPort());
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
    }

    @Test
    void aDeviceWithOnlyAUdpAddressGetsASignedDatagramFromTheStunSocket() throws Exception {
        ConnectionRequestOutcome o = requester.request(device(null, "127.0.0.1:" + cpe.getLocalPort(), null));
        assertThat(o.mechanism()).isEqualTo("udp");
        assertThat(o.delivered()).isTrue();
        UdpConnectionRequest r = UdpConnectionRequest.parse(receive());
        assertThat(r.un()).isEqualTo("acs");
        assertThat(r.signatureMatches("secret")).isTrue();
        assertThat(r.signatureMatches("other")).isFalse();
    }

    @Test
    void anUnreachableHttpUrlFallsBackToUdp() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ConnectionRequestOutcome o = requester.request(device("http://127.0.0.1:" + closedPort + "/cr",
                "127.0.0.1:" + cpe.getLocalPort(), null));
        assertThat(o.mechanism()).isEqualTo("udp");
        assertThat(o.delivered()).isTrue();
        assertThat(o.detail()).startsWith("http: ").contains("udp: sent to 127.0.0.1:" + cpe.getLocalPort());
        assertThat(UdpConnectionRequest.parse(receive()).signatureMatches("secret")).isTrue();
    }

    @Test
    void xmppIsTriedFirstWhenTheDeviceHasAJabberIdAndTheLinkIsUp() {
        var xmpp = new ConnectionRequester.XmppSender() {
            String sentTo;

            @Override
            public boolean connected() {
                return true;
            }

            @Override
            public ConnectionRequestOutcome send(String jabberId, String username, String password) {
                sentTo = jabberId + " " + username + "/" + password;
                return new ConnectionRequestOutcome("xmpp", true, "result", Duration.ofMillis(3));
            }
        };
        requester.useXmpp(xmpp);
        ConnectionRequestOutcome o = requester.request(device("http://127.0.0.1:1/cr", null, "cpe1@example.net/cwmp"));
        assertThat(o.mechanism()).isEqualTo("xmpp");
        assertThat(xmpp.sentTo).isEqualTo("cpe1@example.net/cwmp acs/secret");
    }

    @Test
    void aDeviceWithNoWayToReachItIsReportedAsSuch() {
        ConnectionRequestOutcome o = requester.request(device(null, null, null));
        assertThat(o.delivered()).isFalse();
        assertThat(o.mechanism()).isEqualTo("none");
        assertThat(o.detail()).contains("no ConnectionRequestURL");
    }
}
