package org.jcwmp.cpe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jcwmp.core.auth.DigestAuthenticator;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;

/**
 * A tiny ACS for tests: Digest authentication, a session cookie, InformResponse (or whatever {@link #informAnswer}
 * says), then the scripted requests, one per empty POST or response, then 204; answers the CPE's TransferComplete and
 * AutonomousTransferComplete. Records what the CPE sent.
 */
final class FakeAcs implements AutoCloseable {
    /** One authenticated HTTP request from the CPE. */
    record Received(String contentType, String soapAction, String cookie, Envelope envelope) {
    }

    private final SoapCodec codec = new SoapCodec();
    private volatile DigestAuthenticator digest = new DigestAuthenticator("fake-acs");
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private volatile HttpServer server;
    private final AtomicInteger sessions = new AtomicInteger();
    /** 401s sent: Digest challenges, and refusals of wrong answers. */
    final AtomicInteger challenges = new AtomicInteger();
    /** The Authorization header of each authenticated request, in order. */
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Deque<CwmpRequest> script = new ArrayDeque<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<Inform> informs = new CopyOnWriteArrayList<>();
    volatile Function<Inform, CwmpMessage> informAnswer = inform -> new InformResponse(1);
    /**
     * The answer to a request of the CPE's own (DUStateChangeComplete ...); null: treat it as a response. Throwing
     * makes the ACS answer HTTP 500.
     */
    volatile Function<CwmpRequest, CwmpMessage> cpeRequestAnswer = FakeAcs::acknowledge;
    /** When set, empty POSTs wait for it: a session the test holds open. */
    volatile java.util.concurrent.CountDownLatch gate;

    FakeAcs() throws IOException {
        server = listen(0);
    }

    private HttpServer listen(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/acs", this::handle);
        s.start();
        return s;
    }

    /** Closes every connection, as an ACS does with idle ones, and goes on listening on the same port. */
    synchronized void closeConnections() throws IOException {
        int port = server.getAddress().getPort();
        server.stop(0);
        server = listen(port);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/acs");
    }

    FakeAcs user(String name, String password) {
        users.put(name, password);
        return this;
    }

    /** A new nonce secret, as after a restart: nonces issued so far are refused. */
    void forgetNonces() {
        digest = new DigestAuthenticator("fake-acs");
    }

    /** Requests to send, in order, across sessions. */
    synchronized FakeAcs then(CwmpRequest request) {
        script.add(request);
        return this;
    }

    List<Received> responsesTo(Class<? extends CwmpMessage> type) {
        return received.stream().filter(r -> r.envelope() != null && type.isInstance(r.envelope().body())).toList();
    }

    private synchronized CwmpRequest next() {
        return script.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            DigestAuthenticator digest = this.digest;
            if (digest.verify(exchange.getRequestMethod(), exchange.getRequestURI().toString(), authorization, users::get).isEmpty()) {
                digest.challenges(digest.isStale(authorization)).forEach(c -> exchange.getResponseHeaders().add("WWW-Authenticate", c));
                challenges.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            authorizations.add(authorization);
            Envelope envelope = body.length == 0 ? null : codec.decode(body);
            received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("SOAPAction"), exchange.getRequestHeaders().getFirst("Cookie"), envelope));
            if (envelope != null && envelope.body() instanceof Inform inform) {
                informs.add(inform);
                exchange.getResponseHeaders().add("Set-Cookie", "session=s" + sessions.incrementAndGet() + "; Path=/");
                send(exchange, envelope.reply(informAnswer.apply(inform)));
                return;
            }
            if (envelope != null && envelope.body() instanceof CwmpRequest cpeRequest) {
                CwmpMessage answer = cpeRequestAnswer.apply(cpeRequest);
                if (answer != null) {
                    send(exchange, envelope.reply(answer));
                    return;
                }
            }
            java.util.concurrent.CountDownLatch g = gate;
            if (envelope == null && g != null) {
                g.await();
            }
            CwmpRequest request = next();
            if (request == null) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                send(exchange, Envelope.of(envelope == null ? org.jcwmp.core.soap.CwmpVersion.V1_2 : envelope.version(),
                        "acs-" + received.size(), request));
            }
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    /** The empty responses a real ACS gives to the CPE's completes. */
    static CwmpMessage acknowledge(CwmpRequest request) {
        return switch (request) {
            case org.jcwmp.core.rpc.TransferComplete r -> new org.jcwmp.core.rpc.TransferCompleteResponse();
            case org.jcwmp.core.rpc.AutonomousTransferComplete r -> new org.jcwmp.core.rpc.AutonomousTransferCompleteResponse();
            case org.jcwmp.core.rpc.DUStateChangeComplete r -> new org.jcwmp.core.rpc.DUStateChangeCompleteResponse();
            case org.jcwmp.core.rpc.AutonomousDUStateChangeComplete r ->
                    new org.jcwmp.core.rpc.AutonomousDUStateChangeCompleteResponse();
            default -> null;
        };
    }

    private void send(HttpExchange exchange, Envelope envelope) throws IOException {
        byte[] bytes = codec.encode(envelope);
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=\"utf-8\"");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
