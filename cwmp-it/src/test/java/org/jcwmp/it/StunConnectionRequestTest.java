package org.jcwmp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jcwmp.acs.stun.StunServer;
import org.jcwmp.acs.stun.UdpConnectionRequestSent;
import org.jcwmp.acs.stun.UdpConnectionRequester;
import org.jcwmp.cpe.stun.NatBinding;
import org.jcwmp.cpe.stun.StunClient;
import org.jcwmp.cpe.stun.StunClientConfig;
import org.jcwmp.cpe.stun.StunClientListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ACS's STUN server and UDP sender against the agent's STUN client and UDP listener, on loopback. */
@Timeout(30)
class StunConnectionRequestTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    record Learned(String user, InetSocketAddress address, boolean changed) {
    }

    static final class Events implements StunClientListener {
        final List<NatBinding> bindings = new CopyOnWriteArrayList<>();
        final AtomicInteger connectionRequests = new AtomicInteger();
        final List<String> refused = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void bindingChanged(NatBinding binding) {
            bindings.add(binding);
        }

        @Override
        public void connectionRequest() {
            connectionRequests.incrementAndGet();
        }

        @Override
        public void connectionRequestRefused(String reason) {
            refused.add(reason);
        }

        @Override
        public void stunFailed(String reason) {
            failures.add(reason);
        }
    }

    private final List<Learned> learned = new CopyOnWriteArrayList<>();
    private StunServer server;
    private UdpConnectionRequester requester;
    private final List<StunClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = StunServer.builder().bindAddress("127.0.0.1", 0)
                .passwordOfStunUser(Map.of("cpe-stun", "stun-pw")::get)
                .bindingListener((user, address, changed) -> learned.add(new Learned(user, address, changed)))
                .build();
        server.start();
        requester = new UdpConnectionRequester(server);
    }

    @AfterEach
    void stop() {
        clients.forEach(StunClient::close);
        server.close();
    }

    private StunClient client(String stunPassword, InetSocketAddress knownBinding, Events events) throws Exception {
        StunClient c = new StunClient(StunClientConfig.builder("127.0.0.1").serverPort(server.localAddress().getPort())
                .localAddress("127.0.0.1", 0).credentials("cpe-stun", stunPassword)
                .keepAlivePeriod(Duration.ofMillis(200)).knownBinding(knownBinding)
                .connectionRequestPasswordOf(un -> "cr-user".equals(un) ? "cr-pass" : null).build(), events);
        clients.add(c);
        c.start();
        return c;
    }

    @Test
    void theServerLearnsTheBindingAndAUdpConnectionRequestReachesTheAgentOnce() throws Exception {
        Events events = new Events();
        StunClient cpe = client("stun-pw", null, events);
        await().atMost(WAIT).until(() -> !learned.isEmpty() && !events.bindings.isEmpty());
        assertThat(learned).containsExactly(new Learned("cpe-stun", cpe.localAddress(), false));
        assertThat(server.binding("cpe-stun").orElseThrow().authenticated()).isTrue();
        assertThat(events.bindings.getFirst().udpConnectionRequestAddress())
                .isEqualTo("127.0.0.1:" + cpe.localAddress().getPort());

        UdpConnectionRequestSent sent = requester.send(server.binding("cpe-stun").orElseThrow().publicAddress(),
                "cr-user", "cr-pass");
        await().atMost(WAIT).until(() -> events.connectionRequests.get() == 1);
        Thread.sleep(300); // the two copies arrive and are ignored
        assertThat(events.connectionRequests.get()).isEqualTo(1);
        assertThat(events.refused).isEmpty();
        assertThat(cpe.verifier().lastAcceptedId()).hasValue(sent.request().id());
    }

    @Test
    void aRequestSignedWithTheWrongPasswordStartsNothing() throws Exception {
        Events events = new Events();
        StunClient cpe = client("stun-pw", null, events);
        await().atMost(WAIT).until(() -> !events.bindings.isEmpty());
        requester.send(cpe.localAddress(), "cr-user", "not-the-password"); // each of the 3 copies is refused
        await().atMost(WAIT).until(() -> events.refused.size() == 3);
        assertThat(events.refused).allMatch(r -> r.contains("BAD_SIGNATURE"));
        requester.send(cpe.localAddress(), "someone-else", "cr-pass");
        await().atMost(WAIT).until(() -> events.refused.size() == 6);
        assertThat(events.refused.subList(3, 6)).allMatch(r -> r.contains("UNKNOWN_USERNAME"));
        Thread.sleep(200);
        assertThat(events.connectionRequests.get()).isZero();
    }

    @Test
    void aWrongStunPasswordIsRefusedAndNothingLearned() throws Exception {
        Events events = new Events();
        client("wrong", null, events);
        await().atMost(WAIT).until(() -> !events.failures.isEmpty());
        assertThat(events.failures.getFirst()).contains("431");
        assertThat(learned).isEmpty();
        assertThat(server.bindings()).isEmpty();
    }

    @Test
    void aMovedBindingReachesTheServerAtOnce() throws Exception {
        Events before = new Events();
        StunClient old = client("stun-pw", null, before);
        await().atMost(WAIT).until(() -> learned.size() == 1);
        InetSocketAddress oldBinding = before.bindings.getFirst().publicAddress();
        old.close();

        Events after = new Events(); // the agent restarted on another port, as after a NAT rebinding
        StunClient moved = client("stun-pw", oldBinding, after);
        await().atMost(WAIT).until(() -> learned.size() >= 2);
        assertThat(learned.get(1)).isEqualTo(new Learned("cpe-stun", moved.localAddress(), true));
        assertThat(server.binding("cpe-stun").orElseThrow().publicAddress()).isEqualTo(moved.localAddress());

        requester.send(server.binding("cpe-stun").orElseThrow().publicAddress(), "cr-user", "cr-pass");
        await().atMost(WAIT).until(() -> after.connectionRequests.get() == 1);
    }
}
