package org.jcwmp.acs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jcwmp.core.tls.TlsContexts;

/**
 * HTTPS for the ACS's listeners (CWMP, NBI and UI, file server): a PEM certificate chain and key, and optionally
 * the CA bundle that client certificates are checked against (a CPE may then present one; it still authenticates
 * with Basic, TR-069 3.4.4).
 */
public record ServerTls(Path certificateChain, Path privateKey, Path clientCaBundle) {

    public ServerTls {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** Checks the files now, so that a bad one stops the ACS at start with a message naming it. */
    public ServerTls check() {
        try {
            TlsContexts.server(certificateChain, privateKey, clientCaBundle);
        } catch (IOException e) {
            throw new IllegalArgumentException("TLS: " + e.getMessage(), e);
        }
        return this;
    }

    /** An HTTPS connector on {@code server} (see {@link Connectors}). */
    ServerConnector connector(Server server, HttpConfiguration http) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        try {
            ssl.setSslContext(TlsContexts.server(certificateChain, privateKey, clientCaBundle));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ssl.setWantClientAuth(clientCaBundle != null);
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // CPEs often reach the ACS by address, or a name not in the certificate
        https.addCustomizer(secure);
        return new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    }
}
