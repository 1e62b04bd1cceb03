package org.jcwmp.core.rpc;

/** Reports the end of a Download, Upload or ScheduleDownload. */
public record TransferComplete(String commandKey, FaultStruct faultStruct, String startTime, String completeTime) implements CwmpRequest {
}
