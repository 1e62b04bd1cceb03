package org.jcwmp.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** An NBI client for the ACS's own tests: any method, optional bearer token or cookie, JSON answers. */
final class NbiClient {
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    NbiClient(AcsServer acs) {
        this.base = acs.nbiUrl();
    }

    Answer call(String method, String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + (path.startsWith("/") ? path.substring(1) : path)))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (!r.body().isEmpty() && r.headers().firstValue("Content-Type").orElse("").contains("json")) {
            json = JSON.readTree(r.body());
        }
        return new Answer(r.statusCode(), json, r);
    }

    Answer as(String token, String method, String path, String body) throws IOException, InterruptedException {
        return call(method, path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }
}
