package org.jcwmp.core.rpc;

/** Creates an instance of a multi-instance object; ObjectName ends with a dot. */
public record AddObject(String objectName, String parameterKey) implements CwmpRequest {
}
