package org.jcwmp.core.rpc;

/** Status 0 done, 1 not yet done. */
public record UploadResponse(int status, String startTime, String completeTime) implements CwmpResponse {
}
