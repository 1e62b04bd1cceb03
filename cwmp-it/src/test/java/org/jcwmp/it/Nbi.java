package org.jcwmp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small NBI client for tests: JSON in, status and JSON out, authenticated with an API token. */
final class Nbi {
    record Answer(int status, JsonNode body, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    /** token null: calls go without credentials (and get 401). */
    Nbi(String base, String token) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.token = token;
    }

    /** A client with a fresh admin API token of this ACS. */
    static Nbi asAdmin(org.jcwmp.acs.AcsServer acs) {
        return new Nbi(acs.nbiUrl(), acs.auth().createToken("admin", "integration-tests", null).secret());
    }

    static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build());
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        if (token != null) {
            request = HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token).build();
        }
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
        return new Answer(r.statusCode(), r.body().isEmpty() || !json ? null : JSON.readTree(r.body()), r.body());
    }
}
