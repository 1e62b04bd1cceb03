package org.jcwmp.core.rpc;

/** Deletes one instance; ObjectName ends with the instance number and a dot. */
public record DeleteObject(String objectName, String parameterKey) implements CwmpRequest {
}
