package org.jcwmp.core.rpc;

/** Empty. */
public record ScheduleDownloadResponse() implements CwmpResponse {
}
