package org.jcwmp.acs.task;

import java.time.Instant;

/**
 * Work queued for one device through the NBI. request is the task's JSON (name plus arguments); result is the
 * CPE's response as JSON when done; faultCode and faultString are set when it failed. subState says what a RUNNING
 * task waits for once the CPE accepted it ({@link #AWAITING_TRANSFER_COMPLETE}, {@link #AWAITING_DU_STATE_CHANGE_COMPLETE});
 * commandKey is the CommandKey a transfer task was sent with (the user's, or "task-&lt;id&gt;").
 */
public record Task(long id, String deviceId, String name, String request, TaskStatus status, String result,
                   Integer faultCode, String faultString, Instant created, Instant updated, String subState,
                   String commandKey) {
    public static final String AWAITING_TRANSFER_COMPLETE = "awaiting TransferComplete";
    public static final String AWAITING_DU_STATE_CHANGE_COMPLETE = "awaiting DUStateChangeComplete";

    /** True while the CPE works on the task outside the session (the transfer completes later). */
    public boolean awaiting() {
        return status == TaskStatus.RUNNING && subState != null;
    }
}
