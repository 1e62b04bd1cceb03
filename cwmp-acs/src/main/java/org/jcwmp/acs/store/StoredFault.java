package org.jcwmp.acs.store;

import java.time.Instant;

/**
 * An open fault of a device: a task that failed (channel "task") or a preset's task that failed
 * (channel "preset:NAME"); detail is the CPE's fault as JSON; state is open, or retrying while a preset's retry waits
 * for the next session.
 */
public record StoredFault(long id, String deviceId, String channel, Long taskId, Integer code, String message,
                          String detail, int retries, String state, Instant created) {
    public static final String OPEN = "open";
    public static final String RETRYING = "retrying";
}
