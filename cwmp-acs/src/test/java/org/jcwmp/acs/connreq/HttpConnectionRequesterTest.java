package org.jcwmp.acs.connreq;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jcwmp.acs.store.Device;
import org.jcwmp.core.auth.DigestAuthenticator;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP connection requests with Digest, and the reuse of a CPE's last challenge. */
class HttpConnectionRequesterTest {
    private HttpServer cpe;
    private volatile DigestAuthenticator digest = new DigestAuthenticator("cpe");
    private final AtomicInteger challenges = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private HttpConnectionRequester requester;

    @BeforeEach
    void start() throws IOException {
        cpe = listen(0);
        requester = new HttpConnectionRequester(Duration.ofSeconds(2), "acs", "secret");
    }

    @AfterEach
    void stop() throws IOException {
        requester.close();
        cpe.stop(0);
    }

    private HttpServer listen(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        s.createContext("/cr", this::handle);
        s.start();
        return s;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            DigestAuthenticator d = digest;
            if (authorization == null || d.verify("GET", exchange.getRequestURI().toString(), authorization,
                    u -> u.equals("acs") ? "secret" : null).isEmpty()) {
                challenges.incrementAndGet();
                d.challenges(authorization != null && d.isStale(authorization))
                        .forEach(c -> exchange.getResponseHeaders().add("WWW-Authenticate", c));
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            accepted.add(authorization);
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private Device device(String password) {
        return new Device("00D09E-Box-S1", new DeviceIdStruct("m", "00D09E", "Box", "S1"), Instant.now(), Instant.now(),
                null, "http://127.0.0.1:" + cpe.getAddress().getPort() + "/cr", "acs", password, null, null, null, null);
    }

    @Test
    void theSecondRequestAnswersTheLastChallengeAtOnce() {
        assertThat(requester.request(device("secret")).delivered()).isTrue();
        assertThat(challenges).hasValue(1);

        assertThat(requester.request(device("secret")).delivered()).isTrue();
        assertThat(challenges).as("no 401 the second time").hasValue(1);
        assertThat(accepted).hasSize(2);
        assertThat(param(accepted.get(1), "nonce")).isEqualTo(param(accepted.get(0), "nonce"));
        assertThat(param(accepted.get(1), "nc")).isEqualTo("00000002");
    }

    @Test
    void aNonceTheCpeNoLongerTakesIsAnsweredWithItsNewChallenge() {
        assertThat(requester.request(device("secret")).delivered()).isTrue();
        digest = new DigestAuthenticator("cpe"); // the CPE restarted

        assertThat(requester.request(device("secret")).delivered()).isTrue();
        assertThat(challenges).hasValue(2);
    }

    @Test
    void aKeptConnectionTheCpeClosedMeanwhileIsReplaced() throws IOException {
        assertThat(requester.request(device("secret")).delivered()).isTrue();
        int port = cpe.getAddress().getPort();
        cpe.stop(0); // closes every connection, as a CPE does with idle ones
        cpe = listen(port);

        ConnectionRequestOutcome again = requester.request(device("secret"));
        assertThat(again.delivered()).as(again.detail()).isTrue();
        assertThat(accepted).hasSize(2);
    }

    @Test
    void changedCredentialsAreNotAnsweredWithTheOldOnes() {
        assertThat(requester.request(device("secret")).delivered()).isTrue();
        ConnectionRequestOutcome wrong = requester.request(device("other"));
        assertThat(wrong.delivered()).isFalse();
        assertThat(wrong.detail()).isEqualTo("HTTP 401");
        assertThat(accepted).hasSize(1);
    }

    private static String param(String authorization, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[ ,]" + name + "=\"?([^\",]+)").matcher(authorization);
        assertThat(m.find()).as(name + " in " + authorization).isTrue();
        return m.group(1);
    }
}
