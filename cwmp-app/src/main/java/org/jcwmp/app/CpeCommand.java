package org.jcwmp.app;

import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.cpe.CpeAgent;
import org.jcwmp.cpe.model.DeviceProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Runs one CPE agent until interrupted. */
@Command(name = "cpe", mixinStandardHelpOptions = true, description = "Run a CPE agent (Device:2 data model) against an ACS.")
final class CpeCommand implements Callable<Integer> {
    @Option(names = "--acs-url", required = true, description = "The ACS's CWMP URL, e.g. http://127.0.0.1:7547/")
    URI acsUrl;
    @Option(names = "--acs-username", defaultValue = "cpe", description = "ManagementServer.Username (default: ${DEFAULT-VALUE}).")
    String acsUsername;
    @Option(names = "--acs-password", defaultValue = "cpe", description = "ManagementServer.Password (default: ${DEFAULT-VALUE}).")
    String acsPassword;
    @Option(names = "--serial", defaultValue = "JCWMP0001", description = "DeviceInfo.SerialNumber (default: ${DEFAULT-VALUE}).")
    String serial;
    @Option(names = "--oui", defaultValue = "00D09E", description = "DeviceInfo.ManufacturerOUI (default: ${DEFAULT-VALUE}).")
    String oui;
    @Option(names = "--product-class", defaultValue = "HomeGateway", description = "DeviceInfo.ProductClass (default: ${DEFAULT-VALUE}).")
    String productClass;
    @Option(names = "--manufacturer", defaultValue = "jcwmp", description = "DeviceInfo.Manufacturer (default: ${DEFAULT-VALUE}).")
    String manufacturer;
    @Option(names = "--state-dir", description = "Where the agent keeps its state (default: data/cpe/SERIAL).")
    Path stateDir;
    @Option(names = "--cr-host", defaultValue = "127.0.0.1", description = "Address of the connection-request listener, as the ACS reaches it (default: ${DEFAULT-VALUE}).")
    String crHost;
    @Option(names = "--cr-port", defaultValue = "0", description = "Port of the connection-request listener; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int crPort;
    @Option(names = "--cr-username", defaultValue = "acs", description = "ManagementServer.ConnectionRequestUsername (default: ${DEFAULT-VALUE}).")
    String crUsername;
    @Option(names = "--cr-password", defaultValue = "acs", description = "ManagementServer.ConnectionRequestPassword (default: ${DEFAULT-VALUE}).")
    String crPassword;
    @Option(names = "--periodic-inform-interval", defaultValue = "300", description = "PeriodicInformInterval in seconds (default: ${DEFAULT-VALUE}).")
    long periodicInformInterval;
    @Option(names = "--profile", defaultValue = DeviceProfile.HOME_GATEWAY, description = "Device profile: home-gateway (Device:2) or legacy-gateway (InternetGatewayDevice:1), or a profile JSON file (default: ${DEFAULT-VALUE}).")
    String profile;
    @Option(names = "--cr-public-url", paramLabel = "URL", description = "ConnectionRequestURL to report when a gateway forwards a public port to --cr-host:--cr-port, e.g. http://203.0.113.2:7547/ (the listener's path is appended when the URL has none).")
    String crPublicUrl;
    @Option(names = "--stun-server", paramLabel = "HOST[:PORT]", description = "STUN server (TR-111) for UDP connection requests through NAT (port 3478 by default); turns STUN on.")
    String stunServer;
    @Option(names = "--stun-username", defaultValue = "", description = "STUNUsername (empty: no message integrity).")
    String stunUsername;
    @Option(names = "--stun-password", defaultValue = "", description = "STUNPassword.")
    String stunPassword;
    @Option(names = "--stun-keepalive", defaultValue = "30", paramLabel = "SECONDS", description = "STUNMinimumKeepAlivePeriod, seconds (default: ${DEFAULT-VALUE}).")
    long stunKeepAlive;
    @Option(names = "--allowed-jids", defaultValue = "", description = "ConnReqAllowedJabberIDs: comma-separated JIDs that may send XMPP connection requests (a bare JID allows any resource; empty: anyone).")
    String allowedJids;
    @Option(names = "--ca-bundle", paramLabel = "PEM", description = "CAs to trust for an https ACS and file servers (default: the JDK's public CAs); './jcwmp certs' makes one to try.")
    Path caBundle;
    @Option(names = "--client-cert", paramLabel = "PEM", description = "Client certificate chain to present to an https ACS (with --client-key).")
    Path clientCert;
    @Option(names = "--client-key", paramLabel = "PEM", description = "Its private key (PKCS#8 or PKCS#1 RSA, unencrypted).")
    Path clientKey;
    @Mixin
    XmppOptions xmpp;
    @Spec
    CommandSpec spec;

    CpeAgent build() {
        return builder().build();
    }

    /** An agent builder with every option applied (the gateway command, which has no --profile, adds its own). */
    CpeAgent.Builder builder() {
        if (periodicInformInterval < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--periodic-inform-interval must be at least 1 second");
        }
        CpeAgent.Builder b = CpeAgent.builder();
        if (profile == null) {
            // the gateway's command line, without the option
        } else if (java.nio.file.Files.isRegularFile(Path.of(profile))) {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(Path.of(profile))) {
                b.profile(DeviceProfile.read(in));
            } catch (java.io.IOException | RuntimeException e) {
                throw HostPort.bad(spec, "--profile", profile, e.getMessage());
            }
        } else if (!DeviceProfile.names().contains(profile)) {
            throw HostPort.bad(spec, "--profile", profile, "neither a file nor one of " + DeviceProfile.names());
        } else {
            b.profile(profile);
        }
        if (crPublicUrl != null) {
            try {
                b.connectionRequestPublicUrl(crPublicUrl);
            } catch (IllegalArgumentException e) {
                throw HostPort.bad(spec, "--cr-public-url", crPublicUrl, e.getMessage());
            }
        }
        if (stunServer != null) {
            HostPort hp = HostPort.parse(spec, "--stun-server", stunServer, 3478);
            if (stunKeepAlive < 1) {
                throw HostPort.bad(spec, "--stun-keepalive", Long.toString(stunKeepAlive), "at least 1 second");
            }
            b.stun(hp.host(), hp.port(), stunUsername, stunPassword, Duration.ofSeconds(stunKeepAlive));
        } else if (!stunUsername.isEmpty() || !stunPassword.isEmpty()) {
            throw HostPort.bad(spec, "--stun-username", stunUsername, "the STUN options need --stun-server");
        }
        if (caBundle != null || clientCert != null || clientKey != null) {
            try {
                b.tls(caBundle, clientCert, clientKey);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        XmppOptions.Settings x = xmpp.settings(spec, "cwmp");
        if (x != null) {
            if (x.ca() != null) {
                b.xmpp(x.host(), x.port(), x.domain(), x.username(), x.password(), x.resource(), allowedJids, x.ca(),
                        x.tls());
            } else {
                b.xmpp(x.host(), x.port(), x.domain(), x.username(), x.password(), x.resource(), allowedJids,
                        (javax.net.ssl.X509TrustManager) null, x.tls());
            }
        } else if (!allowedJids.isEmpty()) {
            throw HostPort.bad(spec, "--allowed-jids", allowedJids, "needs --xmpp-server");
        }
        return b
                .acsUrl(acsUrl)
                .acsCredentials(acsUsername, acsPassword)
                .stateDirectory(stateDir != null ? stateDir : Path.of("data", "cpe", serial))
                .deviceId(new DeviceIdStruct(manufacturer, oui, productClass, serial))
                .connectionRequestCredentials(crUsername, crPassword)
                .connectionRequestAddress(crHost, crPort)
                .periodicInformInterval(Duration.ofSeconds(periodicInformInterval));
    }

    @Override
    public Integer call() throws Exception {
        CpeAgent agent = build();
        agent.start();
        System.out.println("CPE " + serial + " up; connection requests at " + agent.connectionRequestUrl());
        AcsCommand.awaitShutdown(agent::stop);
        return 0;
    }
}
