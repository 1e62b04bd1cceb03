package org.jcwmp.core.rpc;

/** Empty. */
public record DUStateChangeCompleteResponse() implements CwmpResponse {
}
