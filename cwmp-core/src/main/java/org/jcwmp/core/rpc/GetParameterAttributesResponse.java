package org.jcwmp.core.rpc;

import java.util.List;

/** The attributes asked for. */
public record GetParameterAttributesResponse(List<ParameterAttributeStruct> parameterList) implements CwmpResponse {
    public GetParameterAttributesResponse {
        parameterList = parameterList == null ? List.of() : List.copyOf(parameterList);
    }
}
