package org.jcwmp.core.rpc;

/** Empty. */
public record TransferCompleteResponse() implements CwmpResponse {
}
