package org.jcwmp.core.rpc;

/** One entry of GetParameterNamesResponse; object paths end with a dot. */
public record ParameterInfoStruct(String name, boolean writable) {
}
