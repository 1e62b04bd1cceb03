package org.jcwmp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Apache HttpClient 5, the client the CPE and the ACS use, against our verifier behind the JDK's HTTP server. */
class DigestInteropTest {
    private final DigestAuthenticatorTest.MutableClock clock = new DigestAuthenticatorTest.MutableClock();
    private final DigestAuthenticator auth = new DigestAuthenticator("jcwmp", Duration.ofMinutes(5), clock);
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private String start(Supplier<List<String>> challenges) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> handle(exchange, challenges));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, Supplier<List<String>> challenges) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null) {
            authorizations.add(header);
        }
        Optional<String> user = auth.verify(exchange.getRequestMethod(), exchange.getRequestURI().toString(), header,
                Map.of("cpe", "s3cret")::get);
        if (user.isPresent()) {
            byte[] body = ("hello " + user.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } else {
            List<String> offered = auth.isStale(header) ? auth.challenges(true) : challenges.get();
            offered.forEach(c -> exchange.getResponseHeaders().add("WWW-Authenticate", c));
            exchange.sendResponseHeaders(401, -1);
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static CloseableHttpClient client(String user, String password) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope(null, -1), new UsernamePasswordCredentials(user, password.toCharArray()));
        return HttpClients.custom().setDefaultCredentialsProvider(credentials).build();
    }

    private static int[] execute(CloseableHttpClient client, ClassicHttpRequest request, StringBuilder body) throws IOException {
        return new int[] {client.execute(request, response -> {
            body.append(response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity()));
            return response.getCode();
        })};
    }

    @Test
    void md5ChallengeWithGet() throws Exception {
        String base = start(() -> List.of(auth.challenge()));
        try (CloseableHttpClient client = client("cpe", "s3cret")) {
            StringBuilder body = new StringBuilder();
            assertThat(execute(client, new HttpGet(base + "/cr/abc?x=1"), body)[0]).isEqualTo(200);
            assertThat(body).hasToString("hello cpe");
        }
        assertThat(authorizations).last().asString().containsIgnoringCase("algorithm=MD5").contains("qop=auth");
    }

    @Test
    void bothChallengesWithPost() throws Exception {
        String base = start(auth::challenges);
        try (CloseableHttpClient client = client("cpe", "s3cret")) {
            HttpPost post = new HttpPost(base + "/acs");
            post.setEntity(new StringEntity("<soap/>"));
            StringBuilder body = new StringBuilder();
            assertThat(execute(client, post, body)[0]).isEqualTo(200);
            assertThat(body).hasToString("hello cpe");
        }
        // HttpClient keeps one Digest challenge; either is a valid answer, so just record which one.
        assertThat(authorizations).last().asString().containsPattern("(?i)algorithm=\"?(SHA-256|MD5)");
    }

    @Test
    void sha256Challenge() throws Exception {
        String base = start(() -> List.of(auth.challenges().get(0)));
        try (CloseableHttpClient client = client("cpe", "s3cret")) {
            assertThat(execute(client, new HttpGet(base + "/"), new StringBuilder())[0]).isEqualTo(200);
        }
        assertThat(authorizations).last().asString().containsIgnoringCase("algorithm=SHA-256");
    }

    @Test
    void laterRequestsOfASessionReuseTheNonceAndSurviveItsExpiry() throws Exception {
        String base = start(auth::challenges);
        HttpClientContext context = HttpClientContext.create();
        try (CloseableHttpClient client = client("cpe", "s3cret")) {
            for (int i = 0; i < 3; i++) {
                int code = client.execute(new HttpGet(base + "/acs"), context, response -> response.getCode());
                assertThat(code).isEqualTo(200);
            }
            int before = authorizations.size();
            clock.advance(Duration.ofMinutes(6));
            int code = client.execute(new HttpGet(base + "/acs"), context, response -> response.getCode());
            assertThat(code).isEqualTo(200);
            // the expired nonce was refused as stale and the client answered the new challenge by itself
            assertThat(authorizations.size() - before).isEqualTo(2);
        }
    }

    @Test
    void wrongPasswordEndsIn401() throws Exception {
        String base = start(auth::challenges);
        try (CloseableHttpClient client = client("cpe", "wrong")) {
            assertThat(execute(client, new HttpGet(base + "/"), new StringBuilder())[0]).isEqualTo(401);
        }
    }
}
