package org.jcwmp.core.rpc;

import java.util.List;

/** A download within one or two time windows. */
public record ScheduleDownload(String commandKey, String fileType, String url, String username, String password, long fileSize, String targetFileName, List<TimeWindowStruct> timeWindowList) implements CwmpRequest {
    public ScheduleDownload {
        timeWindowList = timeWindowList == null ? List.of() : List.copyOf(timeWindowList);
    }
}
