package org.jcwmp.app;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jcwmp.sim.Fleet;
import org.jcwmp.sim.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The fleet simulator: N simulated CPEs against any ACS until Ctrl-C, with a live progress line. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Simulate a fleet of CPEs (shared data-model template, per-device differences) against an ACS.")
final class SimCommand implements Callable<Integer> {
    @Option(names = "--acs-url", required = true, description = "The ACS's CWMP URL, e.g. http://127.0.0.1:7547/")
    URI acsUrl;
    @Option(names = "--devices", defaultValue = "100", description = "How many simulated CPEs (default: ${DEFAULT-VALUE}).")
    int devices;
    @Option(names = "--inform-interval", defaultValue = "300", description = "Periodic Inform interval in seconds, 0 for none (default: ${DEFAULT-VALUE}).")
    long informInterval;
    @Option(names = "--jitter", defaultValue = "0.1", description = "Random spread of each interval, 0..1 (default: ${DEFAULT-VALUE}).")
    double jitter;
    @Option(names = "--boot-storm", description = "Boot every device at once instead of on a ramp.")
    boolean bootStorm;
    @Option(names = "--ramp", defaultValue = "200", description = "Devices booted per second without --boot-storm (default: ${DEFAULT-VALUE}).")
    double ramp;
    @Option(names = "--concurrency", defaultValue = "64", description = "Sessions at the same time (default: ${DEFAULT-VALUE}).")
    int concurrency;
    @Option(names = "--cr-host", defaultValue = "127.0.0.1", description = "Address of the shared connection-request listener, advertised in ConnectionRequestURL (default: ${DEFAULT-VALUE}).")
    String crHost;
    @Option(names = "--cr-port", defaultValue = "0", description = "Its port, 0 for any free one, -1 for no listener (default: ${DEFAULT-VALUE}).")
    int crPort;
    @Option(names = "--username", defaultValue = "cpe", description = "Username towards the ACS; {serial} and {id} are replaced per device (default: ${DEFAULT-VALUE}).")
    String username;
    @Option(names = "--password", defaultValue = "cpe", description = "Password towards the ACS; {serial} and {id} are replaced (default: ${DEFAULT-VALUE}).")
    String password;
    @Option(names = "--cr-username", defaultValue = "acs", description = "ConnectionRequestUsername (default: ${DEFAULT-VALUE}).")
    String crUsername;
    @Option(names = "--cr-password", defaultValue = "acs", description = "ConnectionRequestPassword; {serial} and {id} are replaced (default: ${DEFAULT-VALUE}).")
    String crPassword;
    @Option(names = "--oui", defaultValue = "00D09E", description = "ManufacturerOUI (default: ${DEFAULT-VALUE}).")
    String oui;
    @Option(names = "--product-class", defaultValue = "SimGateway", description = "ProductClass (default: ${DEFAULT-VALUE}).")
    String productClass;
    @Option(names = "--serial-prefix", defaultValue = "SIM", description = "Serial numbers are this plus six digits (default: ${DEFAULT-VALUE}).")
    String serialPrefix;
    @Option(names = "--first", defaultValue = "1", description = "Number of the first device (default: ${DEFAULT-VALUE}).")
    int first;
    @Option(names = "--profile", defaultValue = "home-gateway", description = "Data-model profile: home-gateway or legacy-gateway (default: ${DEFAULT-VALUE}).")
    String profile;
    @Option(names = "--lines", description = "Print one progress line per second instead of rewriting one line.")
    boolean lines;

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || concurrency < 1) {
            System.err.println("--devices and --concurrency must be at least 1");
            return 2;
        }
        Fleet fleet = Fleet.builder().acsUrl(acsUrl).devices(devices).firstNumber(first).profile(profile)
                .identity("jcwmp", oui, productClass, serialPrefix)
                .acsCredentials(username, password).connectionRequestCredentials(crUsername, crPassword)
                .connectionRequestListener(crHost, crPort).informInterval(Duration.ofSeconds(informInterval))
                .jitter(jitter).bootStorm(bootStorm).rampPerSecond(ramp).maxConcurrentSessions(concurrency).build();
        CountDownLatch stopped = new CountDownLatch(1);
        fleet.start();
        Progress progress = new Progress(fleet, System.out, lines);
        System.out.printf("jcwmp sim: %d CPEs (%s-%s-%s%06d ...) against %s; %s; connection requests on %s%n",
                devices, oui, productClass, serialPrefix, first, acsUrl,
                bootStorm ? "boot storm" : "booting " + ramp + "/s",
                crPort < 0 ? "nothing" : crHost + ":" + fleet.connectionRequestPort() + "/cr/SERIAL");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            progress.close();
            fleet.close();
            System.out.println("stopped: " + String.join(", ", fleet.stats().summary()));
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
