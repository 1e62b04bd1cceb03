package org.jcwmp.core.rpc;

import java.util.List;

/** Changes notification and access lists. */
public record SetParameterAttributes(List<SetParameterAttributesStruct> parameterList) implements CwmpRequest {
    public SetParameterAttributes {
        parameterList = parameterList == null ? List.of() : List.copyOf(parameterList);
    }
}
