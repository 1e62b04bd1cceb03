package org.jcwmp.core.rpc;

/** A ScheduleDownload time window; WindowMode is "1 At Any Time", "2 Immediately", "3 When Idle" or "4 Confirmation Needed". */
public record TimeWindowStruct(long windowStart, long windowEnd, String windowMode, String userMessage, int maxRetries) {
}
