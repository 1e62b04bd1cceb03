package org.jcwmp.cpe.transfer;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP file server for the transfer tests: GET serves the files put in {@link #files}, PUT stores the body in
 * {@link #uploads}; under /auth/ Basic authentication (user "u", password "p") is required, under /digest/ Digest
 * authentication with the same credentials; under /hold/ a request
 * waits for {@link #release} (a transfer the test keeps running).
 */
final class TestFileServer implements AutoCloseable {
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpServer server;

    TestFileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.createContext("/auth/", this::handle).setAuthenticator(new BasicAuthenticator("files") {
            @Override
            public boolean checkCredentials(String username, String password) {
                return "u".equals(username) && "p".equals(password);
            }
        });
        org.jcwmp.core.auth.DigestAuthenticator digest = new org.jcwmp.core.auth.DigestAuthenticator("files");
        server.createContext("/digest/", ex -> {
            String authorization = ex.getRequestHeaders().getFirst("Authorization");
            if (digest.verify(ex.getRequestMethod(), ex.getRequestURI().toString(), authorization,
                    u -> "u".equals(u) ? "p" : null).isEmpty()) {
                ex.getRequestBody().readAllBytes();
                digest.challenges(digest.isStale(authorization)).forEach(c -> ex.getResponseHeaders().add("WWW-Authenticate", c));
                ex.sendResponseHeaders(401, -1);
                ex.close();
                return;
            }
            handle(ex);
        });
        server.createContext("/hold/", ex -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handle(ex);
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void release() {
        release.countDown();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try (ex) {
            if (ex.getRequestMethod().equals("PUT")) {
                try (InputStream in = ex.getRequestBody()) {
                    uploads.put(path, in.readAllBytes());
                }
                ex.sendResponseHeaders(201, -1);
                return;
            }
            byte[] body = files.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
