package org.jcwmp.core.rpc;

import java.util.List;

/** Names may be partial paths ending with a dot. */
public record GetParameterValues(List<String> parameterNames) implements CwmpRequest {
    public GetParameterValues {
        parameterNames = parameterNames == null ? List.of() : List.copyOf(parameterNames);
    }
}
