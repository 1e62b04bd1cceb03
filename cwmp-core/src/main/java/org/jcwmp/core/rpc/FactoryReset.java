package org.jcwmp.core.rpc;

/** Resets the CPE to factory defaults; it informs with 0 BOOTSTRAP afterwards. */
public record FactoryReset() implements CwmpRequest {
}
