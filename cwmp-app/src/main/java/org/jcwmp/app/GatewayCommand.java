package org.jcwmp.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jcwmp.cpe.CpeAgent;
import org.jcwmp.cpe.gateway.Gateway;
import org.jcwmp.cpe.gateway.GatewayConfiguration;
import org.jcwmp.cpe.gateway.GatewayConsole;
import org.jcwmp.cpe.gateway.GatewayDrivers;
import org.jcwmp.cpe.gateway.GatewayProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** An IoT gateway: a CPE agent with proxied smart devices (meters, sensors) and its live web console. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run an IoT gateway: a CPE agent whose proxied devices (simulated meters, MQTT sensors) the ACS"
                + " manages as Device.ManagementServer.EmbeddedDevice entries, with a live web console.")
final class GatewayCommand implements Callable<Integer> {
    static final String PRODUCT_CLASS = "IoTGateway";

    @Option(names = "--config", paramLabel = "FILE", description = "Gateway configuration JSON listing the items"
            + " (default: three simulated meters: electricity 26, temperature/humidity 987, water 1234).")
    Path config;
    @Option(names = "--console-host", defaultValue = "127.0.0.1", description = "Address of the web console (default: ${DEFAULT-VALUE}).")
    String consoleHost;
    @Option(names = "--console-port", defaultValue = "8090", description = "Port of the web console; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int consolePort;
    /** The agent's options, shared with {@code cpe} (--acs-url, --serial, --cr-port, ...). */
    @Mixin
    CpeCommand cpe;
    @Spec
    CommandSpec spec;

    /**
     * The agent's options as the gateway takes them: no --profile (the gateway has its own) and --product-class
     * defaulting to {@value #PRODUCT_CLASS}.
     */
    static void adjustAgentOptions(CommandSpec gateway) {
        gateway.remove(gateway.findOption("--profile"));
        CommandLine.Model.OptionSpec productClass = gateway.findOption("--product-class");
        gateway.remove(productClass);
        gateway.addOption(CommandLine.Model.OptionSpec.builder(productClass).defaultValue(PRODUCT_CLASS).build());
    }

    @Override
    public Integer call() throws Exception {
        cpe.spec = spec;
        Gateway gateway = new Gateway(GatewayDrivers.load());
        GatewayConfiguration items;
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw HostPort.bad(spec, "--config", config.toString(), "no such file");
            }
            try {
                items = GatewayConfiguration.read(config, gateway.drivers());
            } catch (GatewayConfiguration.InvalidConfigurationException e) {
                throw HostPort.bad(spec, "--config", config.toString(), e.getMessage());
            }
        } else {
            items = GatewayConfiguration.defaults(gateway.drivers());
        }
        CpeAgent agent = cpe.builder().profile(GatewayProfile.load()).configurationFileHandler(gateway).build();
        gateway.attach(agent);
        gateway.apply(items);
        GatewayConsole console = new GatewayConsole(gateway, consoleHost, consolePort);
        agent.start();
        System.out.println("Gateway " + cpe.serial + " up with " + gateway.registry().size() + " items; console at "
                + console.url() + "; connection requests at " + agent.connectionRequestUrl());
        AcsCommand.awaitShutdown(() -> {
            console.close();
            gateway.close();
            agent.stop();
        });
        return 0;
    }
}
