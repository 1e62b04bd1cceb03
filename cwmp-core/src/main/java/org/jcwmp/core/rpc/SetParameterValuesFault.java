package org.jcwmp.core.rpc;

/** Per-parameter detail inside a SetParameterValues fault. */
public record SetParameterValuesFault(String parameterName, int faultCode, String faultString) {
}
