package org.jcwmp.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.X509TrustManager;
import org.jcwmp.core.xmpp.XmppTrust;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The XMPP options the acs and cpe commands share (TR-069 Annex K connection requests). */
final class XmppOptions {
    @Option(names = "--xmpp-server", paramLabel = "HOST[:PORT]", description = "XMPP server for connection requests (port 5222 by default); turns XMPP on.")
    String server;
    @Option(names = "--xmpp-domain", description = "XMPP domain of the account (default: the server's host).")
    String domain;
    @Option(names = "--xmpp-username", description = "XMPP account name (the JID's localpart).")
    String username;
    @Option(names = "--xmpp-password", defaultValue = "", description = "XMPP account password.")
    String password;
    @Option(names = "--xmpp-resource", description = "XMPP resource to bind.")
    String resource;
    @Option(names = "--xmpp-ca", paramLabel = "PEM", description = "CA certificate(s) to trust for the XMPP server (default: the JDK's).")
    Path ca;
    @Option(names = "--xmpp-no-tls", description = "No TLS to the XMPP server (closed test networks only).")
    boolean noTls;

    /** What the options say, checked; null when XMPP is off. */
    record Settings(String host, int port, String domain, String username, String password, String resource,
                    X509TrustManager trust, Path ca, boolean tls) {
    }

    Settings settings(CommandSpec spec, String defaultResource) {
        if (server == null && domain == null) {
            if (username != null || ca != null || noTls || resource != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "the XMPP options need --xmpp-server or --xmpp-domain");
            }
            return null;
        }
        HostPort hp = server != null ? HostPort.parse(spec, "--xmpp-server", server, 5222) : new HostPort(domain, 5222);
        String d = domain != null ? domain.strip() : hp.host();
        if (d.isEmpty()) {
            throw HostPort.bad(spec, "--xmpp-domain", domain, "empty");
        }
        if (username == null || username.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--xmpp-username is required with --xmpp-server or --xmpp-domain");
        }
        if (username.contains("@") || username.contains("/")) {
            throw HostPort.bad(spec, "--xmpp-username", username, "give the localpart only; the domain goes in --xmpp-domain");
        }
        if (ca != null && noTls) {
            throw HostPort.bad(spec, "--xmpp-ca", ca.toString(), "cannot be combined with --xmpp-no-tls");
        }
        X509TrustManager trust = null;
        if (ca != null) {
            if (!Files.isReadable(ca)) {
                throw HostPort.bad(spec, "--xmpp-ca", ca.toString(), "no such readable file");
            }
            try {
                trust = XmppTrust.fromPem(ca);
            } catch (IOException | RuntimeException e) {
                throw HostPort.bad(spec, "--xmpp-ca", ca.toString(), "not a PEM certificate file (" + e.getMessage() + ")");
            }
        }
        return new Settings(hp.host(), hp.port(), d, username, password,
                resource != null ? resource : defaultResource, trust, ca, !noTls);
    }
}
