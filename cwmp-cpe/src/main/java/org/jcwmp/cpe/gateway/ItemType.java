package org.jcwmp.cpe.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A kind of proxied device and the readings it reports, e.g. electricityMeter with T1 and T2 in kWh. Drivers bring
 * the types they know ({@link GatewayDriver#types()}).
 *
 * @param name     e.g. "temperatureHumidity"
 * @param readings the readings in the order people expect them, each with its unit
 */
public record ItemType(String name, List<Reading> readings) {
    public static final ItemType ELECTRICITY_METER = new ItemType("electricityMeter",
            List.of(new Reading("T1", "kWh"), new Reading("T2", "kWh")));
    public static final ItemType TEMPERATURE_HUMIDITY = new ItemType("temperatureHumidity",
            List.of(new Reading("hum", "%"), new Reading("temp", "°C")));
    public static final ItemType WATER_METER = new ItemType("waterMeter",
            List.of(new Reading("warm", "l"), new Reading("cold", "l")));

    /** One reading of a type: its name (as in the JSON payloads) and unit. */
    public record Reading(String name, String unit) {
        public Reading {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
        }
    }

    public ItemType {
        Objects.requireNonNull(name, "name");
        readings = List.copyOf(readings);
    }

    public boolean hasReading(String reading) {
        return readings.stream().anyMatch(r -> r.name().equals(reading));
    }

    /** Each reading's starting value ("0"), in order. */
    public Map<String, String> zeroReadings() {
        Map<String, String> zero = new LinkedHashMap<>();
        readings.forEach(r -> zero.put(r.name(), "0"));
        return zero;
    }
}
