package org.jcwmp.core.rpc;

/** Updates a deployment unit, named by UUID and optionally version. */
public record UpdateOpStruct(String uuid, String version, String url, String username, String password)
        implements DuOperation {
}
