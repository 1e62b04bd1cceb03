package org.jcwmp.core.rpc;

/** Empty. */
public record FactoryResetResponse() implements CwmpResponse {
}
