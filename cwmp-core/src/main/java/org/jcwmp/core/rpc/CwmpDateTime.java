package org.jcwmp.core.rpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** dateTime values as CWMP writes them. Messages keep them as text because real CPEs send odd forms. */
public final class CwmpDateTime {
    /** The value meaning "unknown time". */
    public static final String UNKNOWN = "0001-01-01T00:00:00Z";

    private CwmpDateTime() {
    }

    public static String format(Instant instant) {
        return instant == null ? UNKNOWN : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String now() {
        return format(Instant.now());
    }
}
