package org.jcwmp.core.rpc;

/** Status 0 applied, 1 applied but not yet committed. */
public record SetParameterValuesResponse(int status) implements CwmpResponse {
}
