package org.jcwmp.cpe.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jcwmp.core.stun.BindingChange;
import org.jcwmp.core.stun.ConnectionRequestBinding;
import org.jcwmp.core.stun.ErrorCode;
import org.jcwmp.core.stun.MappedAddress;
import org.jcwmp.core.stun.MessageIntegrity;
import org.jcwmp.core.stun.StunMessage;
import org.jcwmp.core.udpcr.UdpConnectionRequest;
import org.jcwmp.cpe.stun.FakeStunServer.Answer;
import org.jcwmp.cpe.stun.FakeStunServer.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StunClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final RecordingStunListener events = new RecordingStunListener();
    private FakeStunServer server;
    private StunClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static InetSocketAddress publicAddress(int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName("203.0.113.7"), port);
    }

    private static Answer mapped(Received r, InetSocketAddress address) {
        return new Answer(StunMessage.bindingResponse(r.message().transactionId(), new MappedAddress(address)), null);
    }

    private static Answer error(Received r, ErrorCode code) {
        return new Answer(StunMessage.bindingErrorResponse(r.message().transactionId(), code), null);
    }

    private static boolean integrityValid(Received r, String password) {
        try {
            return MessageIntegrity.check(r.raw(), 0, r.raw().length, password) == MessageIntegrity.Check.VALID;
        } catch (Exception e) {
            return false;
        }
    }

    private StunClientConfig.Builder config() {
        return StunClientConfig.builder("127.0.0.1").serverPort(server.port()).localAddress("127.0.0.1", 0)
                .keepAlivePeriod(Duration.ofMillis(200)).retransmission(Duration.ofMillis(50), 6)
                .connectionRequestPasswordOf(un -> "cr-user".equals(un) ? "cr-pass" : null);
    }

    private void start(StunClientConfig config) throws Exception {
        client = new StunClient(config, events);
        client.start();
    }

    @Test
    void learnsItsBindingAndKeepsItAlive() throws Exception {
        server = new FakeStunServer(r -> mapped(r, r.source()));
        start(config().build());
        await().atMost(WAIT).until(() -> server.requests.size() >= 3);
        assertThat(events.bindings).hasSize(1);
        NatBinding b = events.bindings.getFirst();
        assertThat(b.publicAddress()).isEqualTo(client.localAddress());
        assertThat(b.natDetected()).isFalse();
        assertThat(b.udpConnectionRequestAddress()).isEqualTo("127.0.0.1:" + client.localAddress().getPort());
        StunMessage request = server.requests.getFirst().message();
        assertThat(request.has(ConnectionRequestBinding.class)).isTrue();
        assertThat(request.username()).isEmpty();
        assertThat(request.has(MessageIntegrity.class)).isFalse();
        assertThat(server.requests).allMatch(r -> r.source().equals(client.localAddress()));
    }

    @Test
    void answersA401WithMessageIntegrityAndKeepsUsingIt() throws Exception {
        server = new FakeStunServer(r -> !r.message().has(MessageIntegrity.class) ? error(r, ErrorCode.UNAUTHORIZED)
                : integrityValid(r, "stun-pw") ? new Answer(StunMessage.bindingResponse(r.message().transactionId(),
                        new MappedAddress(r.source())), "stun-pw")
                : error(r, ErrorCode.INTEGRITY_CHECK_FAILURE));
        start(config().credentials("stun-user", "stun-pw").build());
        await().atMost(WAIT).until(() -> server.requests.size() >= 4);
        assertThat(events.bindings).hasSize(1);
        assertThat(events.failures).isEmpty();
        List<Received> requests = List.copyOf(server.requests);
        assertThat(requests.getFirst().message().username()).isEqualTo("stun-user");
        assertThat(requests.getFirst().message().has(MessageIntegrity.class)).isFalse();
        assertThat(requests.subList(1, requests.size())).allMatch(r -> integrityValid(r, "stun-pw"));
    }

    @Test
    void aRefusedPasswordIsReportedAndNothingLearned() throws Exception {
        server = new FakeStunServer(r -> !r.message().has(MessageIntegrity.class) ? error(r, ErrorCode.UNAUTHORIZED)
                : error(r, ErrorCode.INTEGRITY_CHECK_FAILURE));
        start(config().credentials("stun-user", "wrong").build());
        await().atMost(WAIT).until(() -> !events.failures.isEmpty());
        assertThat(events.failures.getFirst()).contains("431");
        assertThat(events.bindings).isEmpty();
        assertThat(client.binding()).isEmpty();
    }

    @Test
    void detectsNatAndSendsBindingChangeWhenTheBindingMoves() throws Exception {
        InetSocketAddress first = publicAddress(40000);
        InetSocketAddress second = publicAddress(40001);
        server = new FakeStunServer(r -> mapped(r, first));
        start(config().build());
        await().atMost(WAIT).until(() -> events.bindings.size() == 1);
        assertThat(events.bindings.getFirst()).isEqualTo(new NatBinding(first, client.localAddress(), true));
        assertThat(events.bindings.getFirst().udpConnectionRequestAddress()).isEqualTo("203.0.113.7:40000");
        assertThat(server.requests).noneMatch(r -> r.message().has(BindingChange.class));

        server.script(r -> mapped(r, second)); // the NAT gave the CPE a new port
        await().atMost(WAIT).until(() -> events.bindings.size() == 2);
        assertThat(events.bindings.get(1).publicAddress()).isEqualTo(second);
        assertThat(server.requests).filteredOn(r -> r.message().has(BindingChange.class)).hasSize(1)
                .allMatch(r -> r.message().has(ConnectionRequestBinding.class));
    }

    @Test
    void aBindingThatMovedSinceTheLastRunIsAnnouncedAtOnce() throws Exception {
        server = new FakeStunServer(r -> mapped(r, r.source()));
        start(config().knownBinding(publicAddress(40000)).build());
        await().atMost(WAIT).until(() -> server.requests.stream().anyMatch(r -> r.message().has(BindingChange.class)));
        assertThat(server.requests.get(0).message().has(BindingChange.class)).isFalse();
        assertThat(server.requests.get(1).message().has(BindingChange.class)).isTrue();
        assertThat(events.bindings).hasSize(1);
    }

    @Test
    void retransmitsLostRequestsAndGivesUpInBoundedTime() throws Exception {
        server = new FakeStunServer(r -> server.requests.size() <= 2 ? null : mapped(r, r.source()));
        start(config().build());
        await().atMost(WAIT).until(() -> events.bindings.size() == 1);
        assertThat(server.requests.get(0).message().transactionId())
                .isEqualTo(server.requests.get(2).message().transactionId());

        client.close();
        events.failures.clear();
        server.script(r -> null);
        long start = System.nanoTime();
        start(config().retransmission(Duration.ofMillis(20), 4).build());
        await().atMost(WAIT).until(() -> !events.failures.isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2)); // 20+40+80+160 ms
        assertThat(events.failures.getFirst()).contains("no answer");
    }

    // ---- UDP connection requests ----

    private void send(UdpConnectionRequest request) throws Exception {
        server.send(request.toDatagram(), client.localAddress());
    }

    private UdpConnectionRequest request(long ts, String id, String un, String password) {
        return UdpConnectionRequest.sign("127.0.0.1:" + client.localAddress().getPort(), ts, id, un, "CNONCE", password);
    }

    @Test
    void acceptsAnAuthenticRequestAndRefusesForgedReplayedOldAndWrongUser() throws Exception {
        server = new FakeStunServer(r -> mapped(r, r.source()));
        start(config().keepAlivePeriod(Duration.ofSeconds(30)).build());
        long now = System.currentTimeMillis() / 1000;

        UdpConnectionRequest good = request(now, "1", "cr-user", "cr-pass");
        send(good);
        await().atMost(WAIT).until(() -> events.connectionRequests.get() == 1);

        send(good); // the ACS's second and third copies: ignored quietly
        send(good);
        send(request(now + 10, "2", "cr-user", "guessed")); // forged signature
        send(request(now - 10, "3", "cr-user", "cr-pass")); // older than the last accepted
        send(request(now, "4", "cr-user", "cr-pass")); // same second, new id: still not newer
        send(request(now + 10, "1", "cr-user", "cr-pass")); // newer but the same id
        send(request(now + 10, "5", "someone", "cr-pass")); // not ConnectionRequestUsername
        server.send("hello".getBytes(StandardCharsets.US_ASCII), client.localAddress());
        server.send(new byte[24], client.localAddress()); // looks like STUN, is not: dropped without a word
        UdpConnectionRequest next = request(now + 1, "6", "cr-user", "cr-pass");
        send(next);
        await().atMost(WAIT).until(() -> events.connectionRequests.get() == 2);

        assertThat(events.refused).hasSize(6);
        assertThat(String.join("\n", events.refused)).contains("BAD_SIGNATURE", "STALE_TIMESTAMP", "REPEATED_ID",
                "UNKNOWN_USERNAME", "not a UDP connection request");
        assertThat(client.verifier().lastAcceptedId()).hasValue("6");
    }

    @Test
    void dropsMoreThanTheRateLimitAllows() throws Exception {
        server = new FakeStunServer(r -> mapped(r, r.source()));
        start(config().keepAlivePeriod(Duration.ofSeconds(30)).build());
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 4; i++) {
            send(request(now + i, "id" + i, "cr-user", "cr-pass"));
        }
        await().atMost(WAIT).until(() -> events.connectionRequests.get() + events.refused.size() == 4);
        assertThat(events.connectionRequests.get()).isEqualTo(3);
        assertThat(events.refused.getFirst()).contains("per second");
    }
}
