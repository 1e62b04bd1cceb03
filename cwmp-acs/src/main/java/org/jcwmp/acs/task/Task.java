package org.jcwmp.acs.task;

import java.time.Instant;

/**
 * Work queued for one device through the NBI. request is the task's JSON (name plus arguments); result is the
 * CPE's response as JSON when done; faultCode and faultString are set when it failed.
 */
public record Task(long id, String deviceId, String name, String request, TaskStatus status, String result,
                   Integer faultCode, String faultString, Instant created, Instant updated) {
}
