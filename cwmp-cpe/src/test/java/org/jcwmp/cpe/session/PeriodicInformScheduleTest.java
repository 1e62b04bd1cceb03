package org.jcwmp.cpe.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.junit.jupiter.api.Test;

class PeriodicInformScheduleTest {
    private static final Instant NOW = Instant.parse("2025-05-05T10:07:30Z");

    @Test
    void offMeansNever() {
        assertThat(PeriodicInformSchedule.next(NOW, false, 60, CwmpDateTime.UNKNOWN)).isNull();
    }

    @Test
    void withoutAReferenceOneIntervalLater() {
        assertThat(PeriodicInformSchedule.next(NOW, true, 300, CwmpDateTime.UNKNOWN)).isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void withAReferenceOnItsGrid() {
        assertThat(PeriodicInformSchedule.next(NOW, true, 600, "2025-01-01T00:05:00Z"))
                .isEqualTo(Instant.parse("2025-05-05T10:15:00Z"));
        assertThat(PeriodicInformSchedule.next(Instant.parse("2025-05-05T10:15:00Z"), true, 600, "2025-01-01T00:05:00Z"))
                .isEqualTo(Instant.parse("2025-05-05T10:25:00Z"));
        // a reference in the future works the same way
        assertThat(PeriodicInformSchedule.next(NOW, true, 3600, "2030-01-01T00:30:00Z"))
                .isEqualTo(Instant.parse("2025-05-05T10:30:00Z"));
    }
}
