package org.jcwmp.cpe.session;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.jcwmp.core.rpc.CwmpDateTime;

/**
 * When the next periodic Inform is due. With a PeriodicInformTime, Informs fall on that time plus whole intervals
 * (so an ACS can spread its fleet); without one ("0001-01-01T00:00:00Z") one interval after the previous one.
 */
public final class PeriodicInformSchedule {
    private PeriodicInformSchedule() {
    }

    /**
     * @param after              the previous periodic Inform, or now when (re)scheduling
     * @param enabled            PeriodicInformEnable
     * @param intervalSeconds    PeriodicInformInterval
     * @param periodicInformTime PeriodicInformTime as stored
     * @return the next due time strictly after {@code after}, or null when periodic Informs are off
     */
    public static Instant next(Instant after, boolean enabled, long intervalSeconds, String periodicInformTime) {
        if (!enabled || intervalSeconds <= 0) {
            return null;
        }
        Duration interval = Duration.ofSeconds(intervalSeconds);
        Instant reference = reference(periodicInformTime);
        if (reference == null) {
            return after.plus(interval);
        }
        long periods = Math.floorDiv(Duration.between(reference, after).toMillis(), interval.toMillis()) + 1;
        return reference.plus(interval.multipliedBy(periods));
    }

    private static Instant reference(String time) {
        if (time == null || time.isBlank() || time.equals(CwmpDateTime.UNKNOWN)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(time).atZone(ZoneId.systemDefault()).toInstant(); // the CPE's local time
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
