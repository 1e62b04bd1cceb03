package org.jcwmp.cpe.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A gateway configuration file, read and checked completely: the items behind the gateway.
 *
 * <pre>
 * { "items": [
 *     { "serial": "26", "vendor": "PIKKETRON", "type": "electricityMeter", "driver": "simulated",
 *       "settings": { "interval": 5 } },
 *     { "serial": "987", "vendor": "WEBTECH", "type": "temperatureHumidity", "driver": "mqtt",
 *       "settings": { "broker": "tcp://127.0.0.1:1883", "topic": "home/987" } } ] }
 * </pre>
 *
 * @param items in file order, serials unique
 */
public record GatewayConfiguration(List<ItemConfig> items) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SERIAL = 256; // ProxiedDeviceID's size
    private static final int MAX_NAME = 64;

    public GatewayConfiguration {
        items = List.copyOf(items);
    }

    /** A configuration file could not be used; the message lists every problem. */
    public static final class InvalidConfigurationException extends Exception {
        private final List<String> problems;

        public InvalidConfigurationException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public Optional<ItemConfig> item(String serial) {
        return items.stream().filter(i -> i.serial().equals(serial)).findFirst();
    }

    /** The three simulated meters of the seed paper (serials 26, 987, 1234), a new reading every 5 s. */
    public static GatewayConfiguration defaults(GatewayDrivers drivers) {
        try (java.io.InputStream in = GatewayConfiguration.class.getResourceAsStream("default-gateway.json")) {
            return parse(in.readAllBytes(), drivers);
        } catch (IOException | InvalidConfigurationException e) {
            throw new IllegalStateException("the default gateway configuration does not fit the drivers", e);
        }
    }

    /** Reads and checks a file. */
    public static GatewayConfiguration read(Path file, GatewayDrivers drivers) throws InvalidConfigurationException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of("cannot read " + file.getFileName() + ": " + e.getMessage()));
        }
        return parse(bytes, drivers);
    }

    /**
     * Parses and checks a configuration: JSON syntax, every item's fields, types, drivers, driver settings and
     * unique serials. Nothing is applied here.
     *
     * @throws InvalidConfigurationException naming every problem found
     */
    public static GatewayConfiguration parse(byte[] json, GatewayDrivers drivers) throws InvalidConfigurationException {
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigurationException(List.of("not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of("cannot read: " + e.getMessage()));
        }
        if (doc == null || !doc.isObject() || !doc.path("items").isArray()) {
            throw new InvalidConfigurationException(List.of("expected an object with an \"items\" array"));
        }
        List<String> problems = new ArrayList<>();
        List<ItemConfig> items = new ArrayList<>();
        Set<String> serials = new HashSet<>();
        int index = 0;
        for (JsonNode n : doc.get("items")) {
            String where = "item " + index++;
            if (!n.isObject()) {
                problems.add(where + " is not an object");
                continue;
            }
            String serial = field(n, "serial", MAX_SERIAL, where, problems);
            if (serial != null) {
                where = "item " + serial;
                if (!serials.add(serial)) {
                    problems.add("duplicate serial " + serial);
                }
            }
            String vendor = field(n, "vendor", MAX_NAME, where, problems);
            String typeName = field(n, "type", MAX_NAME, where, problems);
            String driverName = field(n, "driver", MAX_NAME, where, problems);
            Map<String, String> settings = settings(n.get("settings"), where, problems);
            if (settings != null) {
                problems.addAll(commonSettingProblems(settings, where));
            }
            Optional<ItemType> type = typeName == null ? Optional.empty() : drivers.type(typeName);
            if (typeName != null && type.isEmpty()) {
                problems.add(where + ": unknown type " + typeName + " (known: " + drivers.typeNames() + ")");
            }
            Optional<GatewayDriver> driver = driverName == null ? Optional.empty() : drivers.driver(driverName);
            if (driverName != null && driver.isEmpty()) {
                problems.add(where + ": unknown driver " + driverName + " (known: " + drivers.driverNames() + ")");
            }
            if (serial == null || vendor == null || type.isEmpty() || driver.isEmpty() || settings == null) {
                continue;
            }
            if (!driver.get().supports(type.get())) {
                problems.add(where + ": driver " + driverName + " cannot read type " + typeName);
                continue;
            }
            ItemConfig item = new ItemConfig(serial, vendor, typeName, driverName, settings);
            for (String p : driver.get().check(item)) {
                problems.add(where + ": " + p);
            }
            items.add(item);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new GatewayConfiguration(items);
    }

    /** The settings every driver shares, which the data model also carries (X_JCWMP_Item). */
    static List<String> commonSettingProblems(Map<String, String> settings, String where) {
        List<String> problems = new ArrayList<>();
        String enable = settings.get(ItemConfig.ENABLE);
        if (enable != null && !enable.equals("true") && !enable.equals("false")) {
            problems.add(where + ": setting enable must be true or false, not " + enable);
        }
        String location = settings.get(ItemConfig.LOCATION);
        if (location != null && location.length() > 256) {
            problems.add(where + ": setting location is longer than 256 characters");
        }
        String interval = settings.get(ItemConfig.INTERVAL);
        if (interval != null) {
            try {
                long seconds = Long.parseLong(interval);
                if (seconds < 1 || seconds > 86400) {
                    problems.add(where + ": setting interval must be 1..86400 seconds, not " + interval);
                }
            } catch (NumberFormatException e) {
                problems.add(where + ": setting interval must be a whole number of seconds, not " + interval);
            }
        }
        return problems;
    }

    private static String field(JsonNode item, String name, int maxLength, String where, List<String> problems) {
        JsonNode v = item.get(name);
        if (v == null || v.isNull()) {
            problems.add(where + ": missing " + name);
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            problems.add(where + ": " + name + " must be a string");
            return null;
        }
        String text = v.asText().strip();
        if (text.isEmpty()) {
            problems.add(where + ": empty " + name);
            return null;
        }
        if (text.length() > maxLength) {
            problems.add(where + ": " + name + " longer than " + maxLength + " characters");
            return null;
        }
        return text;
    }

    private static Map<String, String> settings(JsonNode node, String where, List<String> problems) {
        Map<String, String> settings = new TreeMap<>();
        if (node == null || node.isNull()) {
            return settings;
        }
        if (!node.isObject()) {
            problems.add(where + ": settings must be an object");
            return null;
        }
        boolean ok = true;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problems.add(where + ": setting " + e.getKey() + " must be a string, number or boolean");
                ok = false;
            } else {
                settings.put(e.getKey(), e.getValue().asText());
            }
        }
        return ok ? settings : null;
    }

    /** The file form of this configuration. */
    public byte[] toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (ItemConfig i : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("serial", i.serial());
            m.put("vendor", i.vendor());
            m.put("type", i.type());
            m.put("driver", i.driver());
            m.put("settings", i.settings());
            list.add(m);
        }
        doc.put("items", list);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
