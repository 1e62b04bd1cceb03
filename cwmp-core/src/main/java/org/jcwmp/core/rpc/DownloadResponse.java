package org.jcwmp.core.rpc;

/** Status 0 done, 1 not yet done (TransferComplete follows). */
public record DownloadResponse(int status, String startTime, String completeTime) implements CwmpResponse {
}
