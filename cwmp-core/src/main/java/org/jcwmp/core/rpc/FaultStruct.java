package org.jcwmp.core.rpc;

/** A fault inside a transfer or DU result; code 0 means success. */
public record FaultStruct(int faultCode, String faultString) {
}
