package org.jcwmp.core.rpc;

/** Identifies the CPE in Inform. */
public record DeviceIdStruct(String manufacturer, String oui, String productClass, String serialNumber) {
}
