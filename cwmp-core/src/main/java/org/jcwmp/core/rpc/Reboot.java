package org.jcwmp.core.rpc;

/** Reboots the CPE; it informs with M Reboot afterwards. */
public record Reboot(String commandKey) implements CwmpRequest {
}
