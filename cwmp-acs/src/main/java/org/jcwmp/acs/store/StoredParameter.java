package org.jcwmp.acs.store;

import java.time.Instant;

/** A parameter of a device as last reported, with the time the ACS learnt it. writable is null when unknown. */
public record StoredParameter(String name, String value, String type, Boolean writable, Instant updated) {
}
