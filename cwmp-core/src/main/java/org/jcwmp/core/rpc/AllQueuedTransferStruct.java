package org.jcwmp.core.rpc;

/** One transfer in GetAllQueuedTransfersResponse; State 1 not yet started, 2 in progress, 3 completed. */
public record AllQueuedTransferStruct(String commandKey, int state, boolean isDownload, String fileType, long fileSize, String targetFileName) {
}
