package org.jcwmp.core.rpc;

import java.util.List;

/** Opens every session. */
public record Inform(DeviceIdStruct deviceId, List<EventStruct> event, int maxEnvelopes, String currentTime, int retryCount, List<ParameterValueStruct> parameterList) implements CwmpRequest {
    public Inform {
        event = event == null ? List.of() : List.copyOf(event);
        parameterList = parameterList == null ? List.of() : List.copyOf(parameterList);
    }
}
