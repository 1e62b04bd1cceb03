package org.jcwmp.acs.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jcwmp.core.udpcr.UdpConnectionRequest;
import org.jcwmp.core.udpcr.UdpConnectionRequestVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class UdpConnectionRequesterTest {

    @Test
    void sendsThreeSignedCopiesFromTheStunSocket() throws Exception {
        try (StunServer server = StunServer.builder().bindAddress("127.0.0.1", 0).build();
             RawStunClient cpe = new RawStunClient()) {
            server.start();
            UdpConnectionRequester requester = new UdpConnectionRequester(server);
            long before = Instant.now().getEpochSecond();
            UdpConnectionRequestSent sent = requester.send(cpe.address(), "cr-user", "cr-pass");
            assertThat(sent.copies()).isEqualTo(3);
            assertThat(Long.parseLong(sent.request().ts())).isBetween(before, before + 2);

            UdpConnectionRequestVerifier verifier = new UdpConnectionRequestVerifier();
            int accepted = 0;
            for (int i = 0; i < 3; i++) {
                DatagramPacket p = cpe.receivePacket();
                assertThat(p.getSocketAddress()).isEqualTo(server.localAddress()); // through restricted NATs
                UdpConnectionRequest r = UdpConnectionRequest.parse(p.getData(), 0, p.getLength());
                assertThat(r).isEqualTo(sent.request());
                assertThat(r.authority()).isEqualTo("127.0.0.1:" + cpe.address().getPort());
                if (verifier.verify(r, "cr-user", "cr-pass").accepted()) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(cpe.silentFor(200)).isTrue();
        }
    }

    @Test
    void twoRequestsInOneSecondGetIncreasingTs() throws Exception {
        Clock frozen = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        try (StunServer server = StunServer.builder().bindAddress("127.0.0.1", 0).build();
             RawStunClient cpe = new RawStunClient()) {
            server.start();
            UdpConnectionRequester requester = new UdpConnectionRequester(server, 1, Duration.ZERO, frozen);
            UdpConnectionRequestSent first = requester.send(cpe.address(), "u", "p");
            UdpConnectionRequestSent second = requester.send(cpe.address(), "u", "p");
            assertThat(first.request().ts()).isEqualTo("1700000000");
            assertThat(second.request().ts()).isEqualTo("1700000001");
            assertThat(second.request().id()).isNotEqualTo(first.request().id());
            UdpConnectionRequestVerifier verifier = new UdpConnectionRequestVerifier();
            for (int i = 0; i < 2; i++) {
                DatagramPacket p = cpe.receivePacket();
                assertThat(verifier.verify(UdpConnectionRequest.parse(p.getData(), 0, p.getLength()), "u", "p")
                        .accepted()).isTrue();
            }
        }
    }
}
