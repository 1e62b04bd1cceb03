package org.jcwmp.core.rpc;

import java.util.List;

/** Names with their writability. */
public record GetParameterNamesResponse(List<ParameterInfoStruct> parameterList) implements CwmpResponse {
    public GetParameterNamesResponse {
        parameterList = parameterList == null ? List.of() : List.copyOf(parameterList);
    }
}
