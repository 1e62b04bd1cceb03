package org.jcwmp.core.rpc;

import java.util.List;

/** Notification 0 off, 1 passive, 2 active. */
public record ParameterAttributeStruct(String name, int notification, List<String> accessList) {
    public ParameterAttributeStruct {
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
    }
}
