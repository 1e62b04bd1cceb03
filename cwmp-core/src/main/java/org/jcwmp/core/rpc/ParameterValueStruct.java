package org.jcwmp.core.rpc;

/** A parameter's name, value and xsi:type (e.g. xsd:string, xsd:unsignedInt); type may be null when a CPE omits it. */
public record ParameterValueStruct(String name, String value, String type) {
}
