package org.jcwmp.core.rpc;

/** Empty. */
public record AutonomousDUStateChangeCompleteResponse() implements CwmpResponse {
}
