package org.jcwmp.cpe.gateway;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A proxied device behind the gateway as it is now: what the configuration says and its latest readings.
 *
 * @param config   the configuration it came from
 * @param type     its type
 * @param readings reading name to value, in the type's order
 * @param updated  when a reading last changed, null before the first
 */
public record Item(ItemConfig config, ItemType type, Map<String, String> readings, Instant updated) {
    public Item {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(type, "type");
        readings = Collections.unmodifiableMap(new LinkedHashMap<>(readings));
    }

    public String serial() {
        return config.serial();
    }

    public String vendor() {
        return config.vendor();
    }
}
