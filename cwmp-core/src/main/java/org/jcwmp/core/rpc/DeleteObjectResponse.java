package org.jcwmp.core.rpc;

/** Status 0 applied, 1 not yet applied. */
public record DeleteObjectResponse(int status) implements CwmpResponse {
}
