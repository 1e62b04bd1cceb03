package org.jcwmp.acs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CWMP listener answers outside a session, as it did on Javalin: 404, 413, 401 with both challenges, 400. */
class CwmpServerTest {
    @TempDir
    Path dir;

    @Test
    void answersAsBefore() throws Exception {
        try (AcsServer acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir)
                .passwordHashIterations(1000).maxBodyBytes(1024).build().start()) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create(acs.cwmpUrl());

            HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(404);
            assertThat(get.body()).isEqualTo("Endpoint GET / not found");
            assertThat(get.headers().firstValue("Content-Type")).contains("text/plain");

            HttpResponse<String> large = http.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2048])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(large.statusCode()).isEqualTo(413);
            assertThat(large.body()).isEqualTo("Content Too Large");

            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri.resolve("/any/path?x=1"))
                    .POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().allValues("WWW-Authenticate")).hasSize(2)
                    .allSatisfy(h -> assertThat(h).startsWith("Digest realm=\"jcwmp\""));
        }
    }

    /** Without a Content-Length the body is read up to the limit, and the codec refuses it. */
    @Test
    void aBodyWithoutContentLengthIsCutAtTheLimit() throws Exception {
        try (AcsServer acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir)
                .passwordHashIterations(1000).cpeAuthentication(false).maxBodyBytes(1024).build().start()) {
            HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(acs.cwmpUrl()))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("x".repeat(4096).getBytes())))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(400);
            assertThat(chunked.body()).startsWith("not a CWMP message: ").contains("1024");
        }
    }
}
