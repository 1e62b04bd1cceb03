package org.jcwmp.core.rpc;

/** Reports a transfer the ACS did not ask for. */
public record AutonomousTransferComplete(String announceUrl, String transferUrl, boolean isDownload, String fileType, long fileSize, String targetFileName, FaultStruct faultStruct, String startTime, String completeTime) implements CwmpRequest {
}
