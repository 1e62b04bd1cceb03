package org.jcwmp.app;

import org.jcwmp.acs.AcsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    @Option(names = "--cr-username", defaultValue = "acs", description = "Default connection-request username (default: ${DEFAULT-VALUE}).")
    String crUsername;
    @Option(names = "--cr-password", defaultValue = "acs", description = "Default connection-request password (default: ${DEFAULT-VALUE}).")
    String crPassword;

    AcsServer.Builder builder() {
        AcsServer.Builder b = AcsServer.builder().cwmp(cwmpHost, cwmpPort).nbi(nbiHost, nbiPort).dataDirectory(dataDir)
                .cpeCredentials(cpeUsername, cpePassword).cpeAuthentication(!noCpeAuth)
                .connectionRequestCredentials(crUsername, crPassword);
        if (jdbcUrl != null) {
            b.jdbc(jdbcUrl, jdbcUser, jdbcPassword);
        }
        return b;
    }

    @Override
    public Integer call() throws InterruptedException {
        AcsServer acs = builder().build().start();
        System.out.println("ACS up: CWMP " + acs.cwmpUrl() + " , NBI " + acs.nbiUrl() + " (OpenAPI: " + acs.nbiUrl()
                + "openapi.yaml)");
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
