package org.jcwmp.acs.provision;

import java.util.Map;

/**
 * An object instance a preset wants to exist: an instance of table (e.g. "Device.NAT.PortMapping.") whose
 * parameters equal match; values are then set on it too. Without match, any instance will do.
 */
public record WantedObject(String table, Map<String, WantedValue> match, Map<String, WantedValue> values) {
    /** Identifies this wish within a session (to find the instance an AddObject made for it). */
    public String key() {
        return table + match;
    }
}
