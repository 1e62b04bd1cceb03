package org.jcwmp.core.rpc;

/** Empty. */
public record ScheduleInformResponse() implements CwmpResponse {
}
