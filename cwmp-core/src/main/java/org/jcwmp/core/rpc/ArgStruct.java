package org.jcwmp.core.rpc;

/** A FileTypeArg of RequestDownload. */
public record ArgStruct(String name, String value) {
}
