package org.jcwmp.core.rpc;

/** Empty. */
public record RequestDownloadResponse() implements CwmpResponse {
}
