package org.jcwmp.core.rpc;

import java.util.List;

/** Sets values atomically; the CPE stores ParameterKey on success. */
public record SetParameterValues(List<ParameterValueStruct> parameterList, String parameterKey) implements CwmpRequest {
    public SetParameterValues {
        parameterList = parameterList == null ? List.of() : List.copyOf(parameterList);
    }
}
