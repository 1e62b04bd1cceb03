package org.jcwmp.core.rpc;

import java.util.List;

/** Reads notification and access lists. */
public record GetParameterAttributes(List<String> parameterNames) implements CwmpRequest {
    public GetParameterAttributes {
        parameterNames = parameterNames == null ? List.of() : List.copyOf(parameterNames);
    }
}
