package org.jcwmp.cpe.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's live web console: a page with the items and the events as they happen, streamed with Server-Sent
 * Events. Every event carries its id; a browser that reconnects (EventSource does by itself) sends Last-Event-ID and
 * gets the kept events it missed. On its own small JDK HTTP server, loopback by default, like the agent's
 * connection-request listener.
 *
 * <ul>
 *   <li>{@code GET /} the page, {@code GET /console.js} its module</li>
 *   <li>{@code GET /items} the items as JSON</li>
 *   <li>{@code GET /events} the event stream (text/event-stream)</li>
 * </ul>
 */
public final class GatewayConsole implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayConsole.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final long RETRY_MILLIS = 2000;

    private final Gateway gateway;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    /**
     * Starts listening.
     *
     * @param host the address to listen on, e.g. 127.0.0.1 (the default: the console shows the home's meters)
     * @param port 0 for any free one
     */
    public GatewayConsole(Gateway gateway, String host, int port) throws IOException {
        this.gateway = gateway;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 16);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** E.g. http://127.0.0.1:8090/ */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/", "/index.html" -> resource(exchange, "index.html", "text/html; charset=utf-8");
                case "/console.js" -> resource(exchange, "console.js", "text/javascript; charset=utf-8");
                case "/items" -> items(exchange);
                case "/events" -> events(exchange);
                default -> exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void resource(HttpExchange exchange, String name, String contentType) throws IOException {
        byte[] body;
        try (InputStream in = GatewayConsole.class.getResourceAsStream("console/" + name)) {
            if (in == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            body = in.readAllBytes();
        }
        send(exchange, contentType, body);
    }

    private void items(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        gateway.registry().items().forEach(i -> items.add(Gateway.describe(i)));
        send(exchange, "application/json", JSON.writeValueAsBytes(items));
    }

    private static void send(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Streams events until the browser goes away or the console closes. */
    private void events(HttpExchange exchange) throws IOException {
        long lastSeen = lastEventId(exchange);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        SseClient client = new SseClient();
        clients.add(client);
        List<ConsoleEvent> missed = gateway.events().subscribe(lastSeen, client.subscriber);
        try {
            out.write(("retry: " + RETRY_MILLIS + "\n\n").getBytes(StandardCharsets.US_ASCII));
            long sent = lastSeen;
            for (ConsoleEvent e : missed) {
                sent = write(out, e, sent);
            }
            out.flush();
            while (true) {
                ConsoleEvent e = client.next(KEEP_ALIVE);
                if (client.ended()) {
                    return;
                }
                if (e == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    sent = write(out, e, sent);
                }
                out.flush();
            }
        } catch (IOException e) {
            log.debug("console client left: {}", e.toString());
        } finally {
            gateway.events().unsubscribe(client.subscriber);
            clients.remove(client);
        }
    }

    /** Writes one event unless it was sent already (a guard: replay and live events do not overlap). */
    private static long write(OutputStream out, ConsoleEvent e, long sent) throws IOException {
        if (e.id() <= sent) {
            return sent;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id());
        json.put("time", e.time().toString());
        json.put("kind", e.kind());
        json.put("data", e.data());
        String text;
        try {
            text = JSON.writeValueAsString(json);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
        out.write(("id: " + e.id() + "\ndata: " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        return e.id();
    }

    private static long lastEventId(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        clients.forEach(SseClient::end);
        server.stop(0);
        executor.shutdownNow();
    }
}
