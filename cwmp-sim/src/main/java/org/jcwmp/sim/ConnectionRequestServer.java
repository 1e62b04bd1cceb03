package org.jcwmp.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.jcwmp.core.auth.DigestAuthenticator;

/**
 * One HTTP connection-request listener for a whole fleet (TR-069 3.2.2): {@code GET /cr/SERIAL} with Digest
 * (the device's ConnectionRequestUsername/Password), answered 200 with an empty body, then the device opens a
 * session with {@code 6 CONNECTION REQUEST}. A failed check gets 401 and no session; an unknown path 404.
 */
public final class ConnectionRequestServer implements AutoCloseable {
    static final String PATH = "/cr/";

    private final String host;
    private final int port;
    private final IntFunction<SimulatedCpe> deviceOf;
    private final Consumer<SimulatedCpe> onAccepted;
    private final Runnable onRefused;
    private final SimContext context;
    private final DigestAuthenticator digest = new DigestAuthenticator("jcwmp-sim");
    private HttpServer server;
    private ExecutorService executor;

    ConnectionRequestServer(String host, int port, SimContext context, IntFunction<SimulatedCpe> deviceOf,
                            Consumer<SimulatedCpe> onAccepted, Runnable onRefused) {
        this.host = Objects.requireNonNull(host);
        this.port = port;
        this.context = context;
        this.deviceOf = deviceOf;
        this.onAccepted = onAccepted;
        this.onRefused = onRefused;
    }

    synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 512);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** http://host:port/cr/ ; a device's URL is this plus its serial. */
    String baseUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + server.getAddress().getPort() + PATH;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            SimulatedCpe cpe = path.startsWith(PATH) ? deviceOf.apply(context.numberOf(path.substring(PATH.length()))) : null;
            if (cpe == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            String expectedUser = cpe.connectionRequestUsername();
            boolean ok = header != null && digest.verify("GET", exchange.getRequestURI().toString(), header,
                    user -> user.equals(expectedUser) ? cpe.connectionRequestPassword() : null).isPresent();
            if (!ok) {
                boolean stale = header != null && digest.isStale(header);
                for (String c : digest.challenges(stale)) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", c);
                }
                exchange.sendResponseHeaders(401, -1);
                if (header != null) {
                    onRefused.run();
                }
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            onAccepted.accept(cpe);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }
}
