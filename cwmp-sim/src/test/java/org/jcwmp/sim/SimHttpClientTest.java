package org.jcwmp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jcwmp.sim.RawHttpServer.write;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator's HTTP client against a raw socket server writing each way of ending a response. */
@Timeout(30)
class SimHttpClientTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private final SimHttpClient client = new SimHttpClient(4, Duration.ofSeconds(5));
    private RawHttpServer server;

    @AfterEach
    void stop() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    private SimHttpClient.Response post(String path, byte[] body) throws IOException {
        return client.post(server.url(path), List.of("X-Test: 1"), body, 1_000);
    }

    private static String text(SimHttpClient.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void contentLengthAnswersReuseOneConnectionAndTheRequestIsWellFormed() throws IOException {
        server = new RawHttpServer((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + (r.body().length + 3) + "\r\nSet-Cookie: session=abc; Path=/; HttpOnly\r\n"
                    + "Retry-After: 7\r\n\r\nyou" + new String(r.body(), StandardCharsets.UTF_8));
            return true;
        });
        for (int i = 0; i < 3; i++) {
            SimHttpClient.Response r = post("/acs?x=1", HELLO);
            assertThat(r.status()).isEqualTo(200);
            assertThat(text(r)).isEqualTo("youhello");
            assertThat(r.setCookies()).containsExactly("session=abc; Path=/; HttpOnly");
            assertThat(r.retryAfter()).isEqualTo("7");
        }
        assertThat(server.connections()).isEqualTo(1);
        RawHttpServer.Request first = server.requests.get(0);
        assertThat(first.line()).isEqualTo("POST /acs?x=1 HTTP/1.1");
        assertThat(first.header("Host")).isEqualTo("127.0.0.1:" + server.url("/").getPort());
        assertThat(first.header("Content-Length")).isEqualTo("5");
        assertThat(first.header("X-Test")).isEqualTo("1");
        assertThat(first.body()).isEqualTo(HELLO);

        assertThat(post("", new byte[0]).status()).isEqualTo(200);
        assertThat(server.requests.get(3).line()).isEqualTo("POST / HTTP/1.1");
        assertThat(server.requests.get(3).header("Content-Length")).isEqualTo("0");
    }

    @Test
    void chunkedAnswersWithExtensionsAndTrailersKeepTheConnection() throws IOException {
        server = new RawHttpServer((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3;ext=1\r\nabc\r\n" + "a\r\n0123456789\r\n" + "0\r\nX-Trailer: t\r\n\r\n");
            return true;
        });
        assertThat(text(post("/", HELLO))).isEqualTo("abc0123456789");
        assertThat(text(post("/", HELLO))).isEqualTo("abc0123456789");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aBodyWithoutLengthIsReadToCloseAndTheConnectionIsNotReused() throws IOException {
        server = new RawHttpServer((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
            return false;
        });
        assertThat(text(post("/", HELLO))).isEqualTo("until the end");
        assertThat(text(post("/", HELLO))).isEqualTo("until the end");
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.requests).hasSize(2);
        assertThat(client.idleConnections()).isZero();
    }

    @Test
    void emptyAnswersAndConnectionCloseAreHonoured() throws IOException {
        AtomicInteger n = new AtomicInteger();
        server = new RawHttpServer((r, out) -> {
            switch (n.incrementAndGet()) {
                case 1 -> write(out, "HTTP/1.1 204 No Content\r\n\r\n");
                case 2 -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                case 3 -> write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 401 Unauthorized\r\n"
                        + "WWW-Authenticate: Digest realm=\"a\", nonce=\"n\"\r\nWWW-Authenticate: Basic realm=\"a\"\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\nno");
                default -> write(out, "HTTP/1.1 204 No Content\r\n\r\n");
            }
            return true;
        });
        SimHttpClient.Response r = post("/", new byte[0]);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        r = post("/", new byte[0]);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(server.connections()).isEqualTo(1);
        r = post("/", HELLO);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.challenges()).containsExactly("Digest realm=\"a\", nonce=\"n\"", "Basic realm=\"a\"");
        assertThat(text(r)).isEqualTo("no");
        assertThat(post("/", HELLO).status()).isEqualTo(204);
        assertThat(server.connections()).as("Connection: close ends the connection").isEqualTo(2);
    }

    @Test
    void aKeptAliveConnectionTheServerClosedIsReplacedAndTheRequestSentOnce() throws IOException {
        server = new RawHttpServer((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            return true;
        });
        for (int i = 0; i < 5; i++) {
            assertThat(text(post("/", HELLO))).isEqualTo("ok");
            server.closeConnections(); // between any two requests
        }
        assertThat(server.requests).as("each request reached the server once").hasSize(5);
        assertThat(server.connections()).isEqualTo(5);
    }

    @Test
    void aResponseCutOffIsAnErrorAndNotSentAgain() throws IOException {
        server = new RawHttpServer((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly a part");
            return false;
        });
        assertThatThrownBy(() -> post("/", HELLO)).isInstanceOf(java.io.EOFException.class);
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aReadTimeoutIsAnErrorAndNotSentAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server = new RawHttpServer((r, out) -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
        try (SimHttpClient quick = new SimHttpClient(1, Duration.ofMillis(300))) {
            assertThatThrownBy(() -> quick.post(server.url("/"), List.of(), HELLO, 100))
                    .isInstanceOf(SocketTimeoutException.class);
        } finally {
            release.countDown();
        }
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aReusedConnectionCutOffAfterTheAnswerStartedIsNotSentAgain() throws IOException {
        AtomicInteger n = new AtomicInteger();
        server = new RawHttpServer((r, out) -> {
            if (n.incrementAndGet() == 1) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                return true;
            }
            write(out, "HTTP/1.1 200 OK\r\nContent-Len");
            return false;
        });
        assertThat(text(post("/", HELLO))).isEqualTo("ok");
        assertThatThrownBy(() -> post("/", HELLO)).isInstanceOf(IOException.class);
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void anOversizedBodyIsCutAfterTheLimitPlusOne() throws IOException {
        server = new RawHttpServer((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(5000));
            return true;
        });
        assertThat(post("/", HELLO).body()).hasSize(1_001);
        assertThat(client.idleConnections()).as("the rest was not read: not reusable").isZero();
    }

    @Test
    void connectionsPerTargetAreBounded() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        server = new RawHttpServer((r, out) -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            return true;
        });
        ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                all.add(pool.submit(() -> {
                    bodies.add(text(post("/", HELLO)));
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        assertThat(bodies).hasSize(40).containsOnly("ok");
        assertThat(most.get()).isLessThanOrEqualTo(4);
        assertThat(server.connections()).isLessThanOrEqualTo(4);
    }

    @Test
    void refusesOtherSchemesAndARefusedConnectIsAnError() throws IOException {
        assertThatThrownBy(() -> client.post(URI.create("ftp://127.0.0.1/"), List.of(), HELLO, 10))
                .isInstanceOf(IllegalArgumentException.class);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> client.post(URI.create("http://127.0.0.1:" + port + "/"), List.of(), HELLO, 10))
                .isInstanceOf(java.net.ConnectException.class);
    }
}
