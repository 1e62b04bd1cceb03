package org.jcwmp.core.rpc;

/** Empty. */
public record SetParameterAttributesResponse() implements CwmpResponse {
}
