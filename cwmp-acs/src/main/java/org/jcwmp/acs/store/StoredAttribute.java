package org.jcwmp.acs.store;

import java.util.List;

/** Notification and AccessList of one parameter; a null field is not known or not changed. */
public record StoredAttribute(String name, Integer notification, List<String> accessList) {
}
