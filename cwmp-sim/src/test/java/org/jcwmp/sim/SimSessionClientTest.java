package org.jcwmp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jcwmp.core.auth.BasicCredentials;
import org.jcwmp.core.auth.DigestAuthenticator;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One simulated CPE's sessions against a small ACS on the JDK's HTTP server: the headers it sends, its session cookie,
 * Digest with a nonce gone stale, Basic, and a 503's Retry-After.
 */
@Timeout(30)
class SimSessionClientTest {
    /** What the test ACS saw of one POST. */
    record Seen(String contentType, String soapAction, String cookie, String authorization, int bodyLength) {
    }

    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final SoapCodec codec = new SoapCodec();
    private final MovableClock clock = new MovableClock();
    private final DigestAuthenticator digest = new DigestAuthenticator("jcwmp", Duration.ofMinutes(5), clock);
    private final Function<String, String> passwords = Map.of("cpe", "pw")::get;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private volatile String scheme = "digest";
    private volatile int busyFor = 0;
    private int cookies;
    private HttpServer acs;
    private SimContext ctx;
    private SimSessionClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (acs != null) {
            acs.stop(0);
        }
    }

    private SimulatedCpe start(String username, String password) throws IOException {
        acs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        acs.createContext("/", ex -> {
            try {
                handle(ex);
            } catch (Exception e) {
                ex.sendResponseHeaders(500, -1);
                ex.close();
            }
        });
        acs.start();
        URI url = URI.create("http://127.0.0.1:" + acs.getAddress().getPort() + "/acs?node=1");
        ctx = new SimContext(SimulatedCpeTest.TEMPLATE, "jcwmp", "00D09E", "SimGateway", "SIM", url,
                username, password, "acs", "acs");
        client = new SimSessionClient(2, Duration.ofSeconds(5));
        return new SimulatedCpe(ctx, 1);
    }

    private int run(SimulatedCpe cpe) throws SimSessionClient.SessionFailure {
        return client.run(cpe, ctx, cpe.pendingEvents());
    }

    /** Inform -> InformResponse with a new cookie, empty POST with that cookie -> 204. */
    private void handle(HttpExchange ex) throws Exception {
        byte[] body = ex.getRequestBody().readAllBytes();
        var h = ex.getRequestHeaders();
        seen.add(new Seen(h.getFirst("Content-Type"), h.getFirst("SOAPAction"), h.getFirst("Cookie"),
                h.getFirst("Authorization"), body.length));
        if (busyFor > 0) {
            busyFor--;
            ex.getResponseHeaders().add("Retry-After", "42");
            answer(ex, 503, -1);
            return;
        }
        if (body.length > 0) {
            Envelope inform = codec.decode(body);
            if (!(inform.body() instanceof Inform)) {
                answer(ex, 400, -1);
                return;
            }
            String auth = h.getFirst("Authorization");
            if (scheme.equals("digest")) {
                String uri = ex.getRequestURI().toString();
                if (auth == null || digest.verify("POST", uri, auth, passwords).isEmpty()) {
                    for (String c : digest.challenges(auth != null && digest.isStale("POST", auth, passwords))) {
                        ex.getResponseHeaders().add("WWW-Authenticate", c);
                    }
                    answer(ex, 401, -1);
                    return;
                }
            } else if (scheme.equals("basic")) {
                if (auth == null || !BasicCredentials.parse(auth).equals(new BasicCredentials("cpe", "pw"))) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"jcwmp\"");
                    answer(ex, 401, -1);
                    return;
                }
            }
            byte[] answer = codec.encode(inform.reply(new InformResponse(1)));
            ex.getResponseHeaders().add("Set-Cookie", "session=s" + (++cookies) + "; Path=/; HttpOnly");
            ex.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
            return;
        }
        answer(ex, ("session=s" + cookies).equals(h.getFirst("Cookie")) ? 204 : 400, -1);
    }

    private void answer(HttpExchange ex, int status, long length) throws IOException {
        statuses.add(status);
        ex.sendResponseHeaders(status, length);
        ex.close();
    }

    @Test
    void sendsTheCwmpHeadersItsOwnCookieAndReusesTheDigestNonceUntilItIsStale() throws Exception {
        SimulatedCpe cpe = start("cpe", "pw");
        assertThat(run(cpe)).isEqualTo(2);
        assertThat(statuses).containsExactly(401, 204);
        Seen challenged = seen.get(0);
        assertThat(challenged.authorization()).isNull();
        assertThat(challenged.cookie()).isNull();
        assertThat(challenged.soapAction()).isEqualTo("\"urn:dslforum-org:cwmp-1-2#Inform\"");
        assertThat(challenged.contentType()).isEqualTo("text/xml; charset=\"utf-8\"");
        Seen answered = seen.get(1);
        assertThat(answered.authorization()).startsWith("Digest ").contains("uri=\"/acs?node=1\"", "nc=00000001",
                "algorithm=SHA-256");
        Seen empty = seen.get(2);
        assertThat(empty.bodyLength()).isZero();
        assertThat(empty.contentType()).isNull();
        assertThat(empty.soapAction()).isNull();
        assertThat(empty.cookie()).isEqualTo("session=s1");
        assertThat(empty.authorization()).contains("nc=00000002");

        seen.clear();
        assertThat(run(cpe)).isEqualTo(2);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).cookie()).as("a new session starts without the last one's cookie").isNull();
        assertThat(seen.get(0).authorization()).as("the kept nonce, answered at once").contains("nc=00000003");
        assertThat(seen.get(1).cookie()).isEqualTo("session=s2");

        clock.now = clock.now.plus(Duration.ofMinutes(6)); // the nonce expired
        seen.clear();
        statuses.clear();
        assertThat(run(cpe)).isEqualTo(2);
        assertThat(statuses).containsExactly(401, 204);
        assertThat(seen).hasSize(3);
        assertThat(seen.get(1).authorization()).contains("nc=00000001");
        assertThat(seen.get(2).cookie()).isEqualTo("session=s3");
    }

    @Test
    void aWrongPasswordFailsAfterOneAnswerAndTheNextSessionStartsAfresh() throws Exception {
        SimulatedCpe cpe = start("cpe", "wrong");
        assertThatThrownBy(() -> run(cpe)).isInstanceOf(SimSessionClient.SessionFailure.class)
                .hasMessageContaining("HTTP 401");
        assertThat(statuses).containsExactly(401, 401);
        assertThat(seen.get(1).authorization()).isNotNull();
    }

    @Test
    void answersBasic() throws Exception {
        scheme = "basic";
        SimulatedCpe cpe = start("cpe", "pw");
        assertThat(run(cpe)).isEqualTo(2);
        assertThat(statuses).containsExactly(401, 204);
        assertThat(seen.get(1).authorization()).isEqualTo(new BasicCredentials("cpe", "pw").header());
        seen.clear();
        assertThat(run(cpe)).isEqualTo(2);
        assertThat(seen.get(0).authorization()).as("kept: sent at once").isEqualTo(new BasicCredentials("cpe", "pw").header());
    }

    @Test
    void withoutCredentialsNoAuthorizationIsSent() throws Exception {
        scheme = "none";
        SimulatedCpe cpe = start(null, null);
        assertThat(run(cpe)).isEqualTo(2);
        assertThat(seen).extracting(Seen::authorization).containsOnlyNulls();
    }

    @Test
    void aBusyAcsRetryAfterIsTheFailuresWait() throws Exception {
        scheme = "none";
        busyFor = 1;
        SimulatedCpe cpe = start(null, null);
        assertThatThrownBy(() -> run(cpe)).isInstanceOfSatisfying(SimSessionClient.SessionFailure.class,
                f -> {
                    assertThat(f.retryAfterSeconds).isEqualTo(42);
                    assertThat(f).hasMessageContaining("HTTP 503");
                });
        assertThat(run(cpe)).isEqualTo(2);
    }

    @Test
    void keepsCookiesByNameAndDropsExpiredOnes() {
        SimSessionClient.Session s = new SimSessionClient.Session(URI.create("http://acs/"), null, null);
        s.setCookies(List.of("session=a; Path=/; HttpOnly", "other=1"));
        assertThat(s.cookies).containsExactly("session=a", "other=1");
        s.setCookies(List.of("session=b; max-age=60"));
        assertThat(s.cookies).containsExactly("other=1", "session=b");
        s.setCookies(List.of("other=1; Max-Age=0", "session=; Path=/", "broken", "=x"));
        assertThat(s.cookies).isEmpty();
        s.setCookies(List.of("session=c; Max-Age=soon"));
        assertThat(s.cookies).containsExactly("session=c");
    }
}
