package org.jcwmp.core.rpc;

import java.util.List;

/** The values asked for. */
public record GetParameterValuesResponse(List<ParameterValueStruct> parameterList) implements CwmpResponse {
    public GetParameterValuesResponse {
        parameterList = parameterList == null ? List.of() : List.copyOf(parameterList);
    }
}
