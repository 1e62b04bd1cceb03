package org.jcwmp.core.rpc;

/** The new instance number. */
public record AddObjectResponse(long instanceNumber, int status) implements CwmpResponse {
}
