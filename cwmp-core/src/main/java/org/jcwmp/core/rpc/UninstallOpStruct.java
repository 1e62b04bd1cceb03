package org.jcwmp.core.rpc;

/** Uninstalls a deployment unit, named by UUID and optionally version. */
public record UninstallOpStruct(String uuid, String version, String executionEnvRef) implements DuOperation {
}
