package org.jcwmp.core.rpc;

/** Empty. */
public record AutonomousTransferCompleteResponse() implements CwmpResponse {
}
