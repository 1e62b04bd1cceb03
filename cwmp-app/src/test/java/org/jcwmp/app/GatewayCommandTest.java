package org.jcwmp.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The gateway command's checks, which run before anything starts (a started gateway runs until Ctrl-C). */
class GatewayCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String err, String out) {
    }

    private Run run(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, err.toString(), out.toString());
    }

    @Test
    void aBadConfigurationFileIsRefusedNamingTheProblem() throws Exception {
        Path config = dir.resolve("gateway.json");
        Files.writeString(config, """
                {"items": [{"serial": "26", "vendor": "A", "type": "electricityMeter", "driver": "simulated"},
                           {"serial": "26", "vendor": "B", "type": "gasMeter", "driver": "simulated"}]}
                """);

        Run r = run("gateway", "--acs-url", "http://127.0.0.1:9/", "--state-dir", dir.resolve("state").toString(),
                "--config", config.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--config").contains("duplicate serial 26").contains("unknown type gasMeter");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void theAgentOptionsAreTheCpeCommandsAndTheProfileIsFixed() {
        Run missing = run("gateway", "--config", "x.json");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--acs-url");

        Run profile = run("gateway", "--acs-url", "http://127.0.0.1:9/", "--profile", "legacy-gateway");
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err()).contains("Unknown option", "--profile");

        Run help = run("gateway", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--acs-url", "--config").doesNotContain("--profile")
                .contains("DeviceInfo.ProductClass (default: IoTGateway)");

        Run noFile = run("gateway", "--acs-url", "http://127.0.0.1:9/", "--config", dir.resolve("none.json").toString());
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("no such file");
    }
}
