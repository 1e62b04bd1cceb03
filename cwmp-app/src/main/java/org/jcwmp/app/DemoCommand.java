package org.jcwmp.app;

import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.auth.AuthService;
import org.jcwmp.acs.auth.Role;
import org.jcwmp.acs.store.Device;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.cpe.CpeAgent;
import org.jcwmp.cpe.gateway.Gateway;
import org.jcwmp.cpe.gateway.GatewayConfiguration;
import org.jcwmp.cpe.gateway.GatewayConsole;
import org.jcwmp.cpe.gateway.GatewayDrivers;
import org.jcwmp.cpe.gateway.GatewayProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The ACS on the embedded store plus a few agents on loopback, and a curl line to try. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an ACS on the embedded store and a handful of CPE agents on loopback.")
final class DemoCommand implements Callable<Integer> {
    private static final String OUI = "00D09E";
    private static final String PRODUCT_CLASS = "HomeGateway";
    private static final String GATEWAY_SERIAL = "DEMOGW01";

    @Option(names = "--agents", defaultValue = "3", description = "How many CPE agents (default: ${DEFAULT-VALUE}).")
    int agents;
    @Option(names = "--cwmp-port", defaultValue = "7547", description = "CWMP port (default: ${DEFAULT-VALUE}).")
    int cwmpPort;
    @Option(names = "--nbi-port", defaultValue = "7557", description = "NBI port (default: ${DEFAULT-VALUE}).")
    int nbiPort;
    @Option(names = "--data-dir", defaultValue = "data/demo", description = "Folder for the store and the agents' state (default: ${DEFAULT-VALUE}).")
    Path dataDir;
    @Option(names = "--console-port", defaultValue = "8090", description = "Port of the IoT gateway's web console; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int consolePort;
    @Option(names = "--admin-password", description = "Password of the NBI and web UI user admin (default: a new one each run, printed).")
    String adminPassword;

    @Override
    public Integer call() throws Exception {
        if (agents < 1 || agents > 100) {
            System.err.println("--agents must be between 1 and 100");
            return 2;
        }
        String password = adminPassword != null ? adminPassword : AuthService.randomSecret(9);
        AcsServer acs = AcsServer.builder().cwmp("127.0.0.1", cwmpPort).nbi("127.0.0.1", nbiPort)
                .dataDirectory(dataDir.resolve("acs")).cpeCredentials("cpe", "cpe")
                .connectionRequestCredentials("acs", "acs").initialAdmin("admin", password).build().start();
        Set<String> informed = ConcurrentHashMap.newKeySet();
        acs.addListener(new AcsListener() {
            @Override
            public void informed(Device device, Inform inform) {
                informed.add(device.id());
            }
        });
        // The demo prints working credentials on every start: the admin's password is set anew (the store may be a
        // previous run's) and a fresh API token (label "demo") replaces the previous run's.
        acs.auth().putUser("admin", password, Role.ADMIN);
        String token = acs.auth().replaceToken("admin", "demo", null).secret();
        List<CpeAgent> started = new ArrayList<>();
        for (int i = 1; i <= agents; i++) {
            String serial = "DEMO%04d".formatted(i);
            CpeAgent agent = CpeAgent.builder()
                    .acsUrl(URI.create(acs.cwmpUrl()))
                    .acsCredentials("cpe", "cpe")
                    .stateDirectory(dataDir.resolve("cpe").resolve(serial))
                    .deviceId(new DeviceIdStruct("jcwmp", OUI, PRODUCT_CLASS, serial))
                    .connectionRequestCredentials("acs", "acs")
                    .connectionRequestAddress("127.0.0.1", 0)
                    .periodicInformInterval(Duration.ofSeconds(300))
                    .build();
            agent.start();
            started.add(agent);
        }
        // One IoT gateway with the three simulated meters, managed through the same ACS.
        Gateway gateway = new Gateway(GatewayDrivers.load());
        CpeAgent gatewayAgent = CpeAgent.builder()
                .profile(GatewayProfile.load())
                .acsUrl(URI.create(acs.cwmpUrl()))
                .acsCredentials("cpe", "cpe")
                .stateDirectory(dataDir.resolve("cpe").resolve(GATEWAY_SERIAL))
                .deviceId(new DeviceIdStruct("jcwmp", OUI, GatewayCommand.PRODUCT_CLASS, GATEWAY_SERIAL))
                .connectionRequestCredentials("acs", "acs")
                .connectionRequestAddress("127.0.0.1", 0)
                .periodicInformInterval(Duration.ofSeconds(300))
                .configurationFileHandler(gateway) // "3 Vendor Configuration File" downloads configure the items
                .build();
        gateway.attach(gatewayAgent);
        gateway.apply(GatewayConfiguration.defaults(gateway.drivers()));
        GatewayConsole console = new GatewayConsole(gateway, "127.0.0.1", consolePort);
        gatewayAgent.start();
        started.add(gatewayAgent);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (informed.size() < agents + 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String first = OUI + "-" + PRODUCT_CLASS + "-DEMO0001";
        System.out.printf("""

                jcwmp demo is up: %d agents informed the ACS (one of them the IoT gateway %s).
                  Gateway console: %s  (its meters: Device.ManagementServer.EmbeddedDevice.)
                  CWMP endpoint: %s
                  NBI:           %s  (OpenAPI: %sopenapi.yaml, devices: %sdevices)
                  Web UI:        %sui/  (user admin, password %s)
                  API token:     %s

                Read a parameter through a connection request:
                  curl -s -X POST '%sdevices/%s/tasks?connection_request&timeout=10000' -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '{"name":"getParameterValues","parameterNames":["Device.DeviceInfo.SoftwareVersion"]}'

                Ctrl-C stops everything.
                %n""", informed.size(), GATEWAY_SERIAL, console.url(), acs.cwmpUrl(), acs.nbiUrl(), acs.nbiUrl(), acs.nbiUrl(), acs.nbiUrl(), password,
                token, acs.nbiUrl(), first, token);
        System.out.flush();
        AcsCommand.awaitShutdown(() -> {
            console.close();
            gateway.close();
            started.forEach(CpeAgent::stop);
            acs.stop();
        });
        return 0;
    }
}
