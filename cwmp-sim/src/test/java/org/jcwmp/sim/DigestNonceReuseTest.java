package org.jcwmp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jcwmp.core.auth.DigestAuthenticator;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A simulated CPE answers the ACS's last Digest challenge at once in its next session (same nonce, higher count), so
 * only its first session pays the 401 round trip; an ACS that does not know the nonce (another node, a restart) calls
 * it stale and the CPE simply answers the new challenge.
 */
@Timeout(60)
class DigestNonceReuseTest {
    private final SoapCodec codec = new SoapCodec();
    private final AtomicInteger challenges = new AtomicInteger();
    private volatile DigestAuthenticator digest = new DigestAuthenticator("jcwmp");
    private HttpServer acs;
    private Fleet fleet;

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (acs != null) {
            acs.stop(0);
        }
    }

    /** Inform -> InformResponse, empty POST -> 204; Digest on every POST that opens a session. */
    private void handle(HttpExchange ex) throws IOException, org.jcwmp.core.soap.SoapException {
        byte[] body = ex.getRequestBody().readAllBytes();
        if (body.length > 0) {
            String header = ex.getRequestHeaders().getFirst("Authorization");
            java.util.function.Function<String, String> passwords = u -> u.equals("cpe") ? "pw" : null;
            if (header == null || digest.verify("POST", ex.getRequestURI().toString(), header, passwords).isEmpty()) {
                challenges.incrementAndGet();
                for (String c : digest.challenges(digest.isStale("POST", header, passwords))) {
                    ex.getResponseHeaders().add("WWW-Authenticate", c);
                }
                ex.sendResponseHeaders(401, -1);
                ex.close();
                return;
            }
            Envelope inform = codec.decode(body);
            byte[] answer = codec.encode(inform.reply(new InformResponse(1)));
            ex.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
        } else {
            ex.sendResponseHeaders(204, -1);
        }
        ex.close();
    }

    @Test
    void laterSessionsSkipThe401AndAStaleNonceCostsOneRoundTrip() throws Exception {
        acs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        acs.createContext("/", ex -> {
            try {
                handle(ex);
            } catch (RuntimeException | org.jcwmp.core.soap.SoapException e) {
                ex.sendResponseHeaders(500, -1);
                ex.close();
            }
        });
        acs.start();
        fleet = Fleet.builder().acsUrl(URI.create("http://127.0.0.1:" + acs.getAddress().getPort() + "/"))
                .devices(1).acsCredentials("cpe", "pw").bootStorm(true).build().start();
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.bootstrapped() == 1);
        assertThat(challenges.get()).as("the first session answers a challenge").isEqualTo(1);

        SimulatedCpe cpe = fleet.device(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !cpe.busy());
        assertThat(fleet.runSession(cpe)).isTrue();
        assertThat(fleet.runSession(cpe)).isTrue();
        assertThat(challenges.get()).as("later sessions reuse the nonce").isEqualTo(1);

        digest = new DigestAuthenticator("jcwmp"); // another node, or the ACS restarted: the nonce is unknown
        assertThat(fleet.runSession(cpe)).isTrue();
        assertThat(challenges.get()).as("one stale round trip").isEqualTo(2);
        assertThat(fleet.runSession(cpe)).isTrue();
        assertThat(challenges.get()).isEqualTo(2);
    }
}
