package org.jcwmp.core.rpc;

/** Asks for an Inform with 3 SCHEDULED after DelaySeconds. */
public record ScheduleInform(long delaySeconds, String commandKey) implements CwmpRequest {
}
