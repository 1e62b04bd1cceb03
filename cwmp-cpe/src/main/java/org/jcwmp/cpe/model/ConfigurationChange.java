package org.jcwmp.cpe.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes that a vendor configuration file asks for, applied all or nothing by {@link DataModel#applyConfiguration}:
 * first the instances to delete, then the instances that must exist (made with exactly that number when missing),
 * then the parameter values.
 *
 * @param deleteObjects instance paths, e.g. "Device.NAT.PortMapping.3."
 * @param addObjects    instance paths, e.g. "Device.NAT.PortMapping.3."
 * @param parameters    full parameter names and their values, in order
 */
public record ConfigurationChange(List<String> deleteObjects, List<String> addObjects, Map<String, String> parameters) {
    public ConfigurationChange {
        deleteObjects = deleteObjects == null ? List.of() : List.copyOf(deleteObjects);
        addObjects = addObjects == null ? List.of() : List.copyOf(addObjects);
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
