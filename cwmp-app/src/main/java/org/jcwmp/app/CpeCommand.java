package org.jcwmp.app;

import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.cpe.CpeAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    CpeAgent build() {
        if (periodicInformInterval < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--periodic-inform-interval must be at least 1 second");
        }
        return CpeAgent.builder()
                .acsUrl(acsUrl)
                .acsCredentials(acsUsername, acsPassword)
                .stateDirectory(stateDir != null ? stateDir : Path.of("data", "cpe", serial))
                .deviceId(new DeviceIdStruct(manufacturer, oui, productClass, serial))
                .connectionRequestCredentials(crUsername, crPassword)
                .connectionRequestAddress(crHost, crPort)
                .periodicInformInterval(Duration.ofSeconds(periodicInformInterval))
                .build();
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
