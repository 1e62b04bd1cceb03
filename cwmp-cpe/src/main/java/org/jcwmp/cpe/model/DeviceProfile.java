package org.jcwmp.cpe.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jcwmp.core.datamodel.ObjectSchema;
import org.jcwmp.core.datamodel.ParameterSchema;
import org.jcwmp.core.datamodel.ParameterType;
import org.jcwmp.core.datamodel.Schema;

/**
 * What a kind of device supports, checked against its standard data model: the objects (with the parameters of
 * each and their initial values) and the instances the device has out of the box.
 *
 * <p>A profile is a JSON document (see {@code profiles/home-gateway.json}):
 *
 * <pre>
 * {
 *   "profile": "home-gateway", "description": "...", "schema": "tr-181-2-17",
 *   "objects": {
 *     "Device.IP.Interface.{i}.": { "Enable": "false", "Name": null, ... },
 *     ...
 *   },
 *   "instances": {
 *     "Device.IP.Interface.1.": { "Enable": "true", "Name": "wan" },
 *     "Device.WiFi.AccessPoint.1.Security.": { "ModeEnabled": "WPA2-Personal" }
 *   }
 * }
 * </pre>
 *
 * "objects" lists every supported object in schema form, parents before children, with the value each parameter has
 * when its object is created (null: the standard's default, else the type's empty value). "instances" creates
 * instances in order (their parents first) and overrides values, also of single objects inside them.
 *
 * @param name        e.g. "home-gateway"
 * @param description one sentence for people
 * @param schema      the standard model the profile is a subset of
 * @param objects     supported object (schema path) to its parameters' initial values, canonical and checked
 * @param instances   instance (or object inside one) to the values that differ from its object's, in creation order
 */
public record DeviceProfile(String name, String description, Schema schema, Map<String, Map<String, String>> objects,
                            Map<String, Map<String, String>> instances) {
    public static final String HOME_GATEWAY = "home-gateway";
    public static final String LEGACY_GATEWAY = "legacy-gateway";
    private static final ObjectMapper JSON = new ObjectMapper();

    public DeviceProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
        instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
    }

    /** The profiles shipped with the agent. */
    public static List<String> names() {
        return List.of(HOME_GATEWAY, LEGACY_GATEWAY);
    }

    /**
     * A profile shipped with the agent ({@link #names()}), read from {@code /profiles/NAME.json}.
     *
     * @throws IllegalArgumentException for an unknown name or a profile that does not fit its schema
     */
    public static DeviceProfile load(String name) {
        InputStream in = DeviceProfile.class.getResourceAsStream("/profiles/" + name + ".json");
        if (in == null) {
            throw new IllegalArgumentException("unknown device profile " + name + "; shipped: " + names());
        }
        try (in) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read device profile " + name, e);
        }
    }

    /**
     * Reads and checks a profile: every object and parameter must exist in the schema, every value must fit.
     *
     * @throws IllegalArgumentException naming each path that does not fit
     */
    public static DeviceProfile read(InputStream json) throws IOException {
        JsonNode doc = JSON.readTree(json);
        String name = text(doc, "profile");
        Schema schema;
        try {
            schema = Schema.load(text(doc, "schema"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profile " + name + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> objects = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : properties(doc, "objects")) {
            String path = e.getKey();
            Optional<ObjectSchema> os = schema.object(path).filter(o -> o.path().equals(path));
            if (os.isEmpty()) {
                problems.add("unknown object " + path + " (objects are named in schema form, e.g. X.{i}.)");
                continue;
            }
            String parent = os.get().parentPath();
            if (!parent.isEmpty() && !objects.containsKey(parent)) {
                problems.add("object " + path + " comes before (or without) its parent " + parent);
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> pe : e.getValue().properties()) {
                Optional<ParameterSchema> ps = schema.parameter(path + pe.getKey());
                if (ps.isEmpty()) {
                    problems.add("unknown parameter " + path + pe.getKey());
                    continue;
                }
                String given = pe.getValue().isNull() ? null : pe.getValue().asText();
                initialValue(ps.get(), given).ifPresentOrElse(v -> values.put(pe.getKey(), v),
                        () -> problems.add(given == null
                                ? ps.get().path() + ": no default in the standard and the empty value does not fit"
                                        + "; give a value"
                                : ps.get().checkValue(given).orElse(ps.get().path() + ": bad value")));
            }
            objects.put(path, values);
        }
        Map<String, Map<String, String>> instances = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : properties(doc, "instances")) {
            String path = e.getKey();
            String schemaPath = Schema.schemaPath(path);
            if (!path.endsWith(".") || path.contains("{i}") || !objects.containsKey(schemaPath)) {
                problems.add("instance " + path + " is not of a supported object");
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> pe : e.getValue().properties()) {
                Optional<ParameterSchema> ps = schema.parameter(schemaPath + pe.getKey());
                if (ps.isEmpty() || !objects.get(schemaPath).containsKey(pe.getKey())) {
                    problems.add("instance " + path + ": parameter " + pe.getKey() + " is not in object " + schemaPath);
                    continue;
                }
                try {
                    values.put(pe.getKey(), ps.get().canonical(pe.getValue().asText()));
                } catch (IllegalArgumentException ex) {
                    problems.add("instance " + path + ": " + ex.getMessage());
                }
            }
            instances.put(path, values);
        }
        if (!objects.containsKey(schema.rootObject())) {
            problems.add("the root object " + schema.rootObject() + " is missing");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + " does not fit " + schema.name() + ":\n  "
                    + String.join("\n  ", problems));
        }
        return new DeviceProfile(name, doc.path("description").asText(""), schema, objects, instances);
    }

    /** The given value made canonical, else the standard's default, else the type's empty value; empty if none fits. */
    private static Optional<String> initialValue(ParameterSchema p, String given) {
        if (given != null) {
            return p.checkValue(given).isEmpty() ? Optional.of(p.canonical(given)) : Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        if (p.defaultValue() != null) {
            candidates.add(p.defaultValue());
        }
        candidates.add(emptyValue(p));
        p.ranges().stream().filter(r -> r.min() != null).findFirst().ifPresent(r -> candidates.add(r.min().toPlainString()));
        for (String c : candidates) {
            if (p.checkValue(c).isEmpty()) {
                return Optional.of(p.canonical(c));
            }
        }
        return Optional.empty();
    }

    private static String emptyValue(ParameterSchema p) {
        if (p.isList()) {
            return "";
        }
        ParameterType t = p.type();
        if (t.isNumeric()) {
            return "0";
        }
        return switch (t) {
            case BOOLEAN -> "false";
            case DATE_TIME -> org.jcwmp.core.rpc.CwmpDateTime.UNKNOWN;
            default -> "";
        };
    }

    private static String text(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("device profile without \"" + field + "\"");
        }
        return n.asText();
    }

    private static Set<Map.Entry<String, JsonNode>> properties(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        if (n == null) {
            return Set.of();
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("device profile: \"" + field + "\" is not an object");
        }
        return n.properties();
    }

    /** The root object, e.g. "Device.". */
    public String rootObject() {
        return schema.rootObject();
    }

    /** Whether the device has this object (schema path). */
    public boolean supports(String schemaObjectPath) {
        return objects.containsKey(schemaObjectPath);
    }

    /** Whether the device has this parameter (schema or instance path). */
    public boolean supportsParameter(String path) {
        String p = Schema.schemaPath(path);
        int dot = p.lastIndexOf('.');
        Map<String, String> o = objects.get(p.substring(0, dot + 1));
        return o != null && o.containsKey(p.substring(dot + 1));
    }

    /** The parameters of a supported object with their initial values; empty for an unsupported one. */
    public Map<String, String> template(String schemaObjectPath) {
        return objects.getOrDefault(schemaObjectPath, Map.of());
    }
}
