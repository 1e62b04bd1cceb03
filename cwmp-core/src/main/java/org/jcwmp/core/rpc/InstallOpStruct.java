package org.jcwmp.core.rpc;

/** Installs a deployment unit from a URL into an execution environment (empty ref: the CPE chooses). */
public record InstallOpStruct(String url, String uuid, String username, String password, String executionEnvRef)
        implements DuOperation {
}
