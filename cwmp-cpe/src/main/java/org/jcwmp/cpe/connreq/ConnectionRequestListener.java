package org.jcwmp.cpe.connreq;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jcwmp.core.auth.DigestAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP connection request listener (TR-069 3.2.2): an ACS GETs the ConnectionRequestURL with Digest
 * credentials (ConnectionRequestUsername/Password); the CPE answers 200 with an empty body at once and then opens
 * a session. A wrong or missing answer gets 401 and no session; more accepted requests than the rate limit allows
 * get 503 and no session; any other path 404.
 *
 * <p>The path is random so that a scan of the port does not find it.
 */
public final class ConnectionRequestListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionRequestListener.class);
    /**
     * Accepted connection requests per second. Only authenticated requests count, so that a flood of bad ones
     * cannot lock the ACS out; the limit is on what costs: sessions.
     */
    public static final int DEFAULT_MAX_PER_SECOND = 3;

    private final String host;
    private final int port;
    private final String path;
    private final Function<String, String> passwordOf;
    private final Consumer<Boolean> onRequest;
    private final RateLimit rateLimit;
    private final DigestAuthenticator digest = new DigestAuthenticator("jcwmp-cpe");
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param host       the address to bind and to advertise in the URL
     * @param port       0 for any free port
     * @param path       the path to answer, or null for a fresh random one
     * @param passwordOf the ConnectionRequestPassword for a username, null when the name is not
     *                   ConnectionRequestUsername
     * @param onRequest  told true after an accepted request was answered, false after a refused one
     * @param rateLimit  authenticated requests allowed
     */
    public ConnectionRequestListener(String host, int port, String path, Function<String, String> passwordOf,
                                     Consumer<Boolean> onRequest, RateLimit rateLimit) {
        this.host = Objects.requireNonNull(host);
        this.port = port;
        this.path = path != null ? path : randomPath();
        this.passwordOf = passwordOf;
        this.onRequest = onRequest;
        this.rateLimit = rateLimit;
    }

    /** "/cr/" and 96 random bits. */
    public static String randomPath() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return "/cr/" + HexFormat.of().formatHex(b);
    }

    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 16);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        log.info("connection requests on {}", url());
    }

    /** The ConnectionRequestURL: http://host:port/path. */
    public synchronized URI url() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        String h = host;
        try {
            if (InetAddress.getByName(host) instanceof Inet6Address && !host.startsWith("[")) {
                h = "[" + host + "]";
            }
        } catch (IOException e) {
            // a name, not a literal: used as it is
        }
        return URI.create("http://" + h + ":" + server.getAddress().getPort() + path);
    }

    public String path() {
        return path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!path.equals(exchange.getRequestURI().getRawPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean accepted = authorization != null && digest.verify("GET", exchange.getRequestURI().toString(),
                    authorization, passwordOf).isPresent();
            if (!accepted) {
                digest.challenges(digest.isStale("GET", authorization, passwordOf))
                        .forEach(c -> exchange.getResponseHeaders().add("WWW-Authenticate", c));
                exchange.sendResponseHeaders(401, -1);
                if (authorization != null) {
                    onRequest.accept(false); // a bare first GET is just asking for the challenge
                }
                return;
            }
            if (!rateLimit.tryAcquire()) {
                exchange.sendResponseHeaders(503, -1);
                onRequest.accept(false);
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close(); // answered before the session starts, as TR-069 asks
            onRequest.accept(true);
        } catch (RuntimeException e) {
            log.warn("connection request handling failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
