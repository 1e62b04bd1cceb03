package org.jcwmp.acs;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The Jetty connector of each ACS listener (CWMP, NBI and UI, file server): HTTP, or HTTPS with {@link ServerTls};
 * connections idle longer than {@code idleTimeout} are closed, and at most {@code maxConnections} are open at once
 * (beyond that the listener stops accepting until some close), so that slow or numerous clients cannot exhaust it.
 */
public record Connectors(Duration idleTimeout, int maxConnections) {
    /** A CWMP session waits for its CPE no longer than this, and a CPE waits 30 s for the ACS. */
    public static final Connectors DEFAULTS = new Connectors(Duration.ofSeconds(30), 10_000);

    public Connectors {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxConnections < 1) {
            throw new IllegalArgumentException("idle timeout and connection limit must be positive");
        }
    }

    /** Listens on host and port (0: any free one), over TLS when {@code tls} is not null. */
    public void apply(JavalinConfig cfg, String host, int port, ServerTls tls) {
        cfg.jetty.addConnector((server, http) -> connector(server, http, host, port, tls));
    }

    /** The same connector for a Jetty server built without Javalin (see {@link CwmpServer}). */
    ServerConnector connector(Server server, HttpConfiguration http, String host, int port, ServerTls tls) {
        ServerConnector c = tls == null ? new ServerConnector(server, new HttpConnectionFactory(http))
                : tls.connector(server, http);
        c.setHost(host);
        c.setPort(port);
        c.setIdleTimeout(idleTimeout.toMillis());
        server.addBean(new ConnectionLimit(maxConnections, c));
        return c;
    }
}
