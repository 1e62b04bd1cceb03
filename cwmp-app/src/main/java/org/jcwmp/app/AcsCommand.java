package org.jcwmp.app;

import org.jcwmp.acs.AcsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the ACS until interrupted. */
@Command(name = "acs", mixinStandardHelpOptions = true, description = "Run the ACS (CWMP endpoint and northbound API).")
final class AcsCommand implements Callable<Integer> {
    @Option(names = "--cwmp-host", defaultValue = "0.0.0.0", description = "Address CPEs connect to (default: ${DEFAULT-VALUE}).")
    String cwmpHost;
    @Option(names = "--cwmp-port", defaultValue = "7547", description = "CWMP port (default: ${DEFAULT-VALUE}).")
    int cwmpPort;
    @Option(names = "--nbi-host", defaultValue = "127.0.0.1", description = "NBI address (default: ${DEFAULT-VALUE}).")
    String nbiHost;
    @Option(names = "--nbi-port", defaultValue = "7557", description = "NBI port (default: ${DEFAULT-VALUE}).")
    int nbiPort;
    @Option(names = "--data-dir", defaultValue = "data/acs", description = "Folder of the embedded store (default: ${DEFAULT-VALUE}).")
    Path dataDir;
    @Option(names = "--jdbc-url", description = "Use this database (H2 or PostgreSQL JDBC URL) instead of the embedded store.")
    String jdbcUrl;
    @Option(names = "--jdbc-user", defaultValue = "", description = "Database user.")
    String jdbcUser;
    @Option(names = "--jdbc-password", defaultValue = "", description = "Database password.")
    String jdbcPassword;
    @Option(names = "--cpe-username", defaultValue = "cpe", description = "Default username CPEs authenticate with (default: ${DEFAULT-VALUE}).")
    String cpeUsername;
    @Option(names = "--cpe-password", defaultValue = "cpe", description = "Default CPE password (default: ${DEFAULT-VALUE}).")
    String cpePassword;
    @Option(names = "--no-cpe-auth", description = "Accept CPEs without authentication (closed test networks only).")
    boolean noCpeAuth;
    @Option(names = "--stun-port", defaultValue = "3478", description = "UDP port of the STUN server (TR-111) that also sends UDP connection requests (default: ${DEFAULT-VALUE}).")
    int stunPort;
    @Option(names = "--no-stun", description = "Run no STUN server (no UDP connection requests).")
    boolean noStun;
    @Option(names = "--file-port", defaultValue = "7567", description = "Port of the file server CPEs download firmware and configuration from and upload to (default: ${DEFAULT-VALUE}).")
    int filePort;
    @Option(names = "--file-server-url", description = "The file server's base URL as CPEs reach it (default: http://CWMP-HOST:FILE-PORT).")
    String fileServerUrl;
    @Option(names = "--no-file-server", description = "Run no file server.")
    boolean noFileServer;
    @Option(names = "--cr-username", defaultValue = "acs", description = "Default connection-request username (default: ${DEFAULT-VALUE}).")
    String crUsername;
    @Option(names = "--cr-password", defaultValue = "acs", description = "Default connection-request password (default: ${DEFAULT-VALUE}).")
    String crPassword;
    @Option(names = "--admin-user", defaultValue = "admin", description = "NBI admin created on first start, when the store has no user (default: ${DEFAULT-VALUE}).")
    String adminUser;
    @Option(names = "--admin-password", description = "That admin's password (8 characters or more; default: generated and printed once).")
    String adminPassword;
    @Option(names = "--transfer-timeout-minutes", defaultValue = "60", description = "How long a Download (Upload, ChangeDUState) the CPE accepted may wait for its TransferComplete before its task fails with 8800; also how long a campaign's device may leave its Download untaken (default: ${DEFAULT-VALUE}).")
    long transferTimeoutMinutes;
    @Option(names = "--event-retention-days", defaultValue = "30", description = "Device events (Inform event codes) older than this many days are purged; 0 keeps them whatever their age (default: ${DEFAULT-VALUE}).")
    int eventRetentionDays;
    @Option(names = "--events-per-device", defaultValue = "100", description = "A device keeps at most this many of its newest events; 0: no limit (default: ${DEFAULT-VALUE}).")
    int eventsPerDevice;
    @Option(names = "--metrics-public", description = "Serve /metrics without an API token (for a Prometheus on a trusted network).")
    boolean metricsPublic;
    @Option(names = "--max-sessions", defaultValue = "2000", description = "Backpressure: with this many CWMP sessions open, a CPE starting another gets 503 with Retry-After (default: ${DEFAULT-VALUE}).")
    int maxSessions;
    @Option(names = "--busy-retry-after", defaultValue = "10", paramLabel = "SECONDS", description = "The Retry-After of that 503 (default: ${DEFAULT-VALUE}).")
    int busyRetryAfter;
    @Option(names = "--tls-cert", description = "PEM certificate chain: serve CWMP, the NBI/UI and the file server on HTTPS (with --tls-key; './jcwmp certs' makes one to try).")
    Path tlsCert;
    @Option(names = "--tls-key", description = "PEM private key of --tls-cert (PKCS#8 or PKCS#1 RSA, unencrypted).")
    Path tlsKey;
    @Option(names = "--tls-client-ca", description = "PEM CA bundle: CPEs may present client certificates signed by these CAs.")
    Path tlsClientCa;
    @Option(names = "--node-id", description = "This node's name among several ACS nodes on one PostgreSQL (1 to 64 characters, no '|'; default: host name, process id and a random part). Under the same name a restarted node settles the tasks it left unanswered itself.")
    String nodeId;
    @Option(names = "--heartbeat-seconds", defaultValue = "5", description = "With PostgreSQL: how often this node tells the others it is alive; a node silent for three beats is dead and its devices and tasks are released (default: ${DEFAULT-VALUE}).")
    int heartbeatSeconds;
    @Mixin
    XmppOptions xmpp;
    @Spec
    CommandSpec spec;

    AcsServer.Builder builder() {
        AcsServer.Builder b = AcsServer.builder().cwmp(cwmpHost, cwmpPort).nbi(nbiHost, nbiPort).dataDirectory(dataDir)
                .cpeCredentials(cpeUsername, cpePassword).cpeAuthentication(!noCpeAuth)
                .connectionRequestCredentials(crUsername, crPassword).initialAdmin(adminUser, adminPassword)
                .metricsWithoutAuthentication(metricsPublic);
        if (jdbcUrl != null) {
            b.jdbc(jdbcUrl, jdbcUser, jdbcPassword);
        }
        if (maxSessions < 1 || busyRetryAfter < 1) {
            throw HostPort.bad(spec, "--max-sessions", maxSessions + " / " + busyRetryAfter, "both must be 1 or more");
        }
        b.maxSessions(maxSessions, busyRetryAfter);
        if (nodeId != null) {
            try {
                b.nodeId(nodeId);
            } catch (IllegalArgumentException e) {
                throw HostPort.bad(spec, "--node-id", nodeId, "1 to 64 characters without '|'");
            }
        }
        if (heartbeatSeconds < 1) {
            throw HostPort.bad(spec, "--heartbeat-seconds", Integer.toString(heartbeatSeconds), "must be 1 or more");
        }
        b.clusterHeartbeat(java.time.Duration.ofSeconds(heartbeatSeconds));
        if ((tlsCert == null) != (tlsKey == null) || (tlsClientCa != null && tlsCert == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--tls-cert and --tls-key go together (and --tls-client-ca needs them)");
        }
        if (tlsCert != null) {
            try {
                b.tls(tlsCert, tlsKey, tlsClientCa);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (transferTimeoutMinutes < 1) {
            throw HostPort.bad(spec, "--transfer-timeout-minutes", Long.toString(transferTimeoutMinutes), "must be 1 or more");
        }
        b.transferTimeout(java.time.Duration.ofMinutes(transferTimeoutMinutes));
        if (eventRetentionDays < 0 || eventsPerDevice < 0) {
            throw HostPort.bad(spec, eventRetentionDays < 0 ? "--event-retention-days" : "--events-per-device",
                    Integer.toString(Math.min(eventRetentionDays, eventsPerDevice)), "must be 0 or more");
        }
        b.eventRetention(new org.jcwmp.acs.store.EventRetention.Policy(
                eventRetentionDays == 0 ? null : java.time.Duration.ofDays(eventRetentionDays), eventsPerDevice),
                java.time.Duration.ofMinutes(1));
        if (!noStun) {
            if (stunPort < 0 || stunPort > 65535) {
                throw HostPort.bad(spec, "--stun-port", Integer.toString(stunPort), "not in 0..65535");
            }
            b.stun(cwmpHost, stunPort);
        }
        if (!noFileServer) {
            if (filePort < 0 || filePort > 65535) {
                throw HostPort.bad(spec, "--file-port", Integer.toString(filePort), "not in 0..65535");
            }
            b.fileServer(cwmpHost, filePort);
            if (fileServerUrl != null) {
                b.fileServerUrl(fileServerUrl);
            }
        }
        XmppOptions.Settings x = xmpp.settings(spec, "acs");
        if (x != null) {
            b.xmpp(x.host(), x.port(), x.domain(), x.username(), x.password(), x.resource(), x.trust(), x.tls());
        }
        return b;
    }

    @Override
    public Integer call() throws InterruptedException {
        AcsServer acs = builder().build().start();
        if (acs.stunPort() > 0) {
            System.out.println("STUN server on UDP port " + acs.stunPort());
        }
        acs.fileServer().ifPresent(fs -> System.out.println("File server for CPEs on port " + fs.port()));
        System.out.println("ACS node " + acs.nodeId() + " up: CWMP " + acs.cwmpUrl() + " , NBI " + acs.nbiUrl() + " (OpenAPI: " + acs.nbiUrl()
                + "openapi.yaml, web UI: " + acs.nbiUrl() + "ui/)");
        acs.operations().generatedAdminPassword().ifPresent(pw -> System.out.println("Created the NBI user "
                + adminUser + " (admin) with the password " + pw + " ; it is shown only this once."));
        awaitShutdown(acs::stop);
        return 0;
    }

    /** Blocks until Ctrl-C or SIGTERM, then runs stop. */
    static void awaitShutdown(Runnable stop) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            done.countDown();
        }));
        done.await();
    }
}
