package org.jcwmp.cpe.gateway;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One proxied device as the gateway configuration file lists it.
 *
 * @param serial   the item's serial number, unique on this gateway (ProxiedDeviceID in the data model)
 * @param vendor   e.g. "PIKKETRON"
 * @param type     an {@link ItemType} name, e.g. "electricityMeter"
 * @param driver   the {@link GatewayDriver} that reads it, e.g. "simulated" or "mqtt"
 * @param settings the driver's settings for this item (strings), e.g. interval, topic
 */
public record ItemConfig(String serial, String vendor, String type, String driver, Map<String, String> settings) {
    /** The setting drivers that poll read their period from, in seconds (X_JCWMP_Item.ReadingInterval). */
    public static final String INTERVAL = "interval";
    /** Where the item is (X_JCWMP_Item.Location); any driver. */
    public static final String LOCATION = "location";
    /** "false" stops its readings (X_JCWMP_Item.Enable); any driver. */
    public static final String ENABLE = "enable";

    public ItemConfig {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(driver, "driver");
        settings = Map.copyOf(settings);
    }

    public String setting(String name, String otherwise) {
        return settings.getOrDefault(name, otherwise);
    }

    public boolean enabled() {
        return !"false".equals(settings.get(ENABLE));
    }

    /** The same item with one setting changed. */
    public ItemConfig withSetting(String name, String value) {
        Map<String, String> s = new TreeMap<>(settings);
        s.put(name, value);
        return new ItemConfig(serial, vendor, type, driver, s);
    }
}
