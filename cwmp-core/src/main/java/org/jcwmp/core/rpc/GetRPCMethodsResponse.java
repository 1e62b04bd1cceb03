package org.jcwmp.core.rpc;

import java.util.List;

/** The methods supported by the answering side. */
public record GetRPCMethodsResponse(List<String> methodList) implements CwmpResponse {
    public GetRPCMethodsResponse {
        methodList = methodList == null ? List.of() : List.copyOf(methodList);
    }
}
