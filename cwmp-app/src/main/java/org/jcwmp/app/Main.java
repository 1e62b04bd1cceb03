package org.jcwmp.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The jcwmp command line. */
@Command(name = "jcwmp", mixinStandardHelpOptions = true, version = "jcwmp 0.1.0",
        description = "A complete TR-069 (CWMP) system: ACS, CPE agent and demo.",
        subcommands = {AcsCommand.class, CpeCommand.class, GatewayCommand.class, DemoCommand.class, SimCommand.class,
                BenchCommand.class, CertsCommand.class},
        footer = {"", "Run './jcwmp COMMAND --help' for a command's options; './jcwmp test' runs the test suite."})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its subcommands as a user sees them. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        GatewayCommand.adjustAgentOptions(cl.getSubcommands().get("gateway").getCommandSpec());
        return cl;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
