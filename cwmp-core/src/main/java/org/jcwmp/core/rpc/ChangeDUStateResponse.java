package org.jcwmp.core.rpc;

/** Empty; DUStateChangeComplete follows. */
public record ChangeDUStateResponse() implements CwmpResponse {
}
