package org.jcwmp.core.rpc;

/** One event of Inform, e.g. "1 BOOT" or "M Reboot" with its CommandKey. */
public record EventStruct(String eventCode, String commandKey) {
}
