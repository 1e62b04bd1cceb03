package org.jcwmp.core.rpc;

import java.util.List;

/** One entry of SetParameterAttributes. */
public record SetParameterAttributesStruct(String name, boolean notificationChange, int notification, boolean accessListChange, List<String> accessList) {
    public SetParameterAttributesStruct {
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
    }
}
