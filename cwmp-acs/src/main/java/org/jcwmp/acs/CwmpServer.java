package org.jcwmp.acs;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jcwmp.acs.session.CwmpEndpoint;
import org.jcwmp.acs.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CWMP listener: a plain Jetty server whose one handler gives every POST, whatever its path, to the
 * {@link CwmpEndpoint}, on a virtual thread. The NBI and the file server use Javalin; CWMP, one handler for
 * every POST, does not need its request pipeline (routing, before/after tasks, its context, body copy, compression
 * checks), which was about 5 % of the CPU of an Inform benchmark (docs/benchmarks.md, "CWMP without Javalin").
 * Connectors, TLS and HTTP settings are those of the Javalin listeners: {@link Connectors}, {@link ServerTls},
 * RFC 3986 URIs, no Server header; answers are the same, down to Javalin's 404 for other methods and 413 for a
 * Content-Length above the body limit.
 */
final class CwmpServer {
    private static final Logger log = LoggerFactory.getLogger(CwmpServer.class);
    private final Server server;
    private final String host;
    private final int port;

    CwmpServer(CwmpEndpoint endpoint, String host, int port, Connectors connectors, ServerTls tls) {
        QueuedThreadPool threads = new QueuedThreadPool(); // selectors and acceptors; requests run on virtual threads
        threads.setName("cwmp");
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cwmp-", 0).factory()));
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.RFC3986);
        http.setSendServerVersion(false);
        server.addConnector(connectors.connector(server, http, host, port, tls));
        server.setHandler(new CwmpHandler(endpoint));
        this.host = host;
        this.port = port;
    }

    void start() {
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("cannot listen for CWMP on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the CWMP listener did not stop cleanly", e);
        }
    }

    /** The port it listens on (the chosen one when started with port 0). */
    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private static final class CwmpHandler extends AbstractHandler {
        private final CwmpEndpoint endpoint;

        CwmpHandler(CwmpEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void handle(String target, Request base, HttpServletRequest req, HttpServletResponse res)
                throws IOException {
            base.setHandled(true);
            if (!"POST".equals(req.getMethod())) {
                res.setContentType("text/plain");
                res.setStatus(404);
                res.getOutputStream().write(("Endpoint " + req.getMethod() + " " + req.getRequestURI() + " not found")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            try {
                endpoint.handle(req, res);
            } catch (StoreException e) {
                // The session is not opened: the CPE retries it later, as after any failed session.
                log.warn("CWMP {}: store failed: {}", req.getRequestURI(), e.getMessage());
                if (!res.isCommitted()) {
                    res.resetBuffer();
                    res.setStatus(e.unavailable() ? 503 : 500);
                    if (e.unavailable()) {
                        res.setHeader("Retry-After", Integer.toString(StoreException.RETRY_AFTER_SECONDS));
                    }
                }
            } catch (RuntimeException e) {
                log.warn("CWMP {}: uncaught exception", req.getRequestURI(), e);
                if (!res.isCommitted()) {
                    res.resetBuffer();
                    res.setContentType("text/plain");
                    res.setStatus(500);
                    res.getOutputStream().write("Internal Server Error".getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
