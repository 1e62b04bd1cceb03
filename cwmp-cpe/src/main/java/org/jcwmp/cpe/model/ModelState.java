package org.jcwmp.cpe.model;

import java.util.List;
import java.util.Map;

/**
 * What of a {@link DataModel} outlives a restart: its instances, values and attributes. The profile supplies the
 * rest.
 *
 * @param instances           every instance path, parents first; null means "the profile's" (a state written before
 *                            instances were kept)
 * @param nextInstanceNumbers table path to the number its next instance gets, so numbers are not reused
 * @param values              stored parameter values, passwords included
 * @param attributes          attributes that differ from the schema's defaults
 */
public record ModelState(List<String> instances, Map<String, Long> nextInstanceNumbers, Map<String, String> values,
                         Map<String, ParameterAttributes> attributes) {
    public ModelState {
        instances = instances == null ? null : List.copyOf(instances);
        nextInstanceNumbers = nextInstanceNumbers == null ? Map.of() : Map.copyOf(nextInstanceNumbers);
        values = values == null ? Map.of() : Map.copyOf(values);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
