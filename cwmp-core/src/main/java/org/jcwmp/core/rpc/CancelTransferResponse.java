package org.jcwmp.core.rpc;

/** Empty. */
public record CancelTransferResponse() implements CwmpResponse {
}
