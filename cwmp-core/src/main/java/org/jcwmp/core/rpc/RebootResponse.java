package org.jcwmp.core.rpc;

/** Empty. */
public record RebootResponse() implements CwmpResponse {
}
