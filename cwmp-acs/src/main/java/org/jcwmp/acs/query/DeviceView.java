package org.jcwmp.acs.query;

import org.jcwmp.acs.store.Device;

import java.util.Map;
import java.util.Set;

/** One device as the in-memory matcher and the provisioning engine see it: its row, parameter values, tags. */
public record DeviceView(Device device, Map<String, String> values, Set<String> tags) {
}
