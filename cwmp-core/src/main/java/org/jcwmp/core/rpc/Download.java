package org.jcwmp.core.rpc;

/** Asks the CPE to download a file, e.g. FileType "1 Firmware Upgrade Image". */
public record Download(String commandKey, String fileType, String url, String username, String password, long fileSize, String targetFileName, long delaySeconds, String successUrl, String failureUrl) implements CwmpRequest {
}
