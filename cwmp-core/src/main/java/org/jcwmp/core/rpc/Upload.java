package org.jcwmp.core.rpc;

/** Asks the CPE to upload a file, e.g. FileType "1 Vendor Configuration File". */
public record Upload(String commandKey, String fileType, String url, String username, String password, long delaySeconds) implements CwmpRequest {
}
