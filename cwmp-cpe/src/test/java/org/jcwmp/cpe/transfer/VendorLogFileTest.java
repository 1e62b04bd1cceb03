package org.jcwmp.cpe.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The in-memory log an Upload of "2 Vendor Log File" sends: bounded, oldest first. */
class VendorLogFileTest {
    @Test
    void keepsTheLastLinesOnly() {
        VendorLogFile log = new VendorLogFile(3);
        for (int i = 1; i <= 5; i++) {
            log.add("entry " + i + "\nsecond line");
        }
        assertThat(log.size()).isEqualTo(3);
        String text = new String(log.content(), StandardCharsets.UTF_8);
        assertThat(text.lines().toList()).hasSize(3).allMatch(l -> l.endsWith(" second line"));
        assertThat(text).doesNotContain("entry 2").contains("entry 3").contains("entry 5");
        assertThat(text.indexOf("entry 3")).isLessThan(text.indexOf("entry 5"));
    }
}
