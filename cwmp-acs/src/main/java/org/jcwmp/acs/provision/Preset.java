package org.jcwmp.acs.provision;

import com.fasterxml.jackson.databind.JsonNode;
import org.jcwmp.acs.query.Query;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A declarative preset: when a session's Inform carries one of events (any session when empty) and the device
 * matches precondition, the device should have these parameter values, object instances and tags. Presets apply
 * in order of weight (then name); a heavier preset's value for the same parameter wins.
 *
 * @param softwareVersion the firmware version wanted: the Provisioner downloads the fitting image from the file server
 */
public record Preset(String name, int weight, List<String> events, Query precondition,
                     Map<String, WantedValue> parameters, List<WantedObject> objects, Set<String> addTags,
                     Set<String> removeTags, String softwareVersion, JsonNode definition) {

    public String channel() {
        return "preset:" + name;
    }
}
