package org.jcwmp.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `bench store` at a small size: fills, measures, writes its report. */
class StoreBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void fillsTheStoreAndReportsEveryFigure() throws Exception {
        int code = new CommandLine(new Main()).execute("bench", "store", "--devices", "300", "--threads", "2",
                "--samples", "3", "--data-dir", dir.resolve("store").toString(), "--out", dir.resolve("out").toString());

        assertThat(code).isZero();
        Path report;
        try (var files = Files.list(dir.resolve("out"))) {
            report = files.filter(p -> p.getFileName().toString().startsWith("store-300-h2-")).findFirst().orElseThrow();
        }
        String md = Files.readString(report);
        assertThat(md).contains("# Store benchmark: 300 devices", "| time to fill |",
                "| disk after SHUTDOWN COMPACT: H2 file |", "| heap after GC: ACS on the full store, started |",
                "| Inform of a known device", "| NBI search by serial number");
        assertThat(StoreBenchmark.deviceId(42)).isEqualTo("00D09E-SimGateway-SIM0000042");
    }
}
