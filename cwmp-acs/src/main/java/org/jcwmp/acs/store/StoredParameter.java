package org.jcwmp.acs.store;

import java.time.Instant;
import java.util.List;

/**
 * A parameter (or an object instance, whose name ends with a dot) of a device as last reported, with the time the
 * ACS learnt it. writable, notification and accessList are null while unknown.
 */
public record StoredParameter(String name, String value, String type, Boolean writable, Instant updated,
                              Integer notification, List<String> accessList) {
}
