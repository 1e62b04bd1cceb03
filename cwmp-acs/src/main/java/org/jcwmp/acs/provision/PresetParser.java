package org.jcwmp.acs.provision;

import com.fasterxml.jackson.databind.JsonNode;
import org.jcwmp.acs.query.QueryParser;
import org.jcwmp.acs.store.TagStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a preset's JSON definition:
 * <pre>
 * {"weight": 10,
 *  "events": ["0 BOOTSTRAP"],
 *  "precondition": {"_deviceId._ProductClass": "HomeGateway"},
 *  "parameters": {"Device.ManagementServer.PeriodicInformInterval": 300,
 *                 "Device.Time.NTPServer1": ["pool.ntp.org", "xsd:string"]},
 *  "objects": [{"path": "Device.NAT.PortMapping.", "match": {"Description": "web"},
 *               "values": {"Enable": true, "ExternalPort": 8080}}],
 *  "tags": {"add": ["provisioned"], "remove": ["new"]},
 *  "softwareVersion": "2.0"}
 * </pre>
 * Every field is optional. Preconditions re-evaluate at each session, so a preset whose precondition tests its
 * own tag (e.g. {"_tags": {"$ne": "provisioned"}}) applies once.
 */
public final class PresetParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Set<String> FIELDS = Set.of("weight", "events", "precondition", "parameters", "objects", "tags",
            "softwareVersion", "description");

    private PresetParser() {
    }

    /** @throws IllegalArgumentException saying what is wrong */
    public static Preset parse(String name, JsonNode d) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a preset name is 1 to 128 letters, digits or . _ -");
        }
        if (d == null || !d.isObject()) {
            throw new IllegalArgumentException("a preset is a JSON object like {\"events\": [\"0 BOOTSTRAP\"], "
                    + "\"parameters\": {\"Device.ManagementServer.PeriodicInformInterval\": 300}}");
        }
        d.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown preset field \"" + f + "\" (known: " + FIELDS + ")");
            }
        });
        JsonNode w = d.path("weight");
        if (!w.isMissingNode() && !w.isInt()) {
            throw new IllegalArgumentException("\"weight\" must be a whole number");
        }
        List<String> events = new ArrayList<>();
        JsonNode ev = d.path("events");
        if (!ev.isMissingNode()) {
            if (!ev.isArray()) {
                throw new IllegalArgumentException("\"events\" must be an array like [\"0 BOOTSTRAP\", \"1 BOOT\"]");
            }
            ev.forEach(e -> events.add(e.asText()));
        }
        Set<String> add = new LinkedHashSet<>();
        Set<String> remove = new LinkedHashSet<>();
        JsonNode tags = d.path("tags");
        if (tags.isArray()) {
            tags.forEach(t -> add.add(TagStore.check(t.asText())));
        } else if (tags.isObject()) {
            tags.path("add").forEach(t -> add.add(TagStore.check(t.asText())));
            tags.path("remove").forEach(t -> remove.add(TagStore.check(t.asText())));
        } else if (!tags.isMissingNode()) {
            throw new IllegalArgumentException("\"tags\" must be [\"tag\", ...] or {\"add\": [...], \"remove\": [...]}");
        }
        JsonNode sv = d.path("softwareVersion");
        return new Preset(name, w.asInt(0), List.copyOf(events),
                new QueryParser(Clock.systemUTC()).parse(d.get("precondition")),
                values(d.path("parameters"), "", true), objects(d.path("objects")), Set.copyOf(add), Set.copyOf(remove),
                sv.isMissingNode() || sv.isNull() ? null : sv.asText(), d);
    }

    private static List<WantedObject> objects(JsonNode array) {
        if (array.isMissingNode()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("\"objects\" must be an array of {\"path\": \"Device.X.\", \"match\": {...}, "
                    + "\"values\": {...}}");
        }
        List<WantedObject> out = new ArrayList<>();
        for (JsonNode o : array) {
            String path = o.path("path").asText("");
            if (!path.endsWith(".") || path.length() < 3 || !Character.isUpperCase(path.charAt(0))) {
                throw new IllegalArgumentException("an object's \"path\" is a table path ending with a dot, like "
                        + "\"Device.NAT.PortMapping.\", not \"" + path + "\"");
            }
            out.add(new WantedObject(path, values(o.path("match"), path, false), values(o.path("values"), path, false)));
        }
        return List.copyOf(out);
    }

    /** {name: value | [value, type]}; relative names (objects) must not contain dots at their start. */
    private static Map<String, WantedValue> values(JsonNode obj, String context, boolean absolute) {
        if (obj.isMissingNode() || obj.isNull()) {
            return Map.of();
        }
        if (!obj.isObject()) {
            throw new IllegalArgumentException("parameter values are an object {\"Name\": value}" + where(context));
        }
        Map<String, WantedValue> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String n = e.getKey();
            if (n.isEmpty() || n.endsWith(".") || n.startsWith(".") || (absolute && (!n.contains(".")
                    || !Character.isUpperCase(n.charAt(0))))) {
                throw new IllegalArgumentException("not a parameter name: \"" + n + "\"" + where(context));
            }
            out.put(n, value(e.getValue(), n));
        }
        return out;
    }

    private static WantedValue value(JsonNode v, String name) {
        if (v.isArray() && (v.size() == 1 || v.size() == 2) && v.get(0).isValueNode()) {
            String type = v.size() == 2 ? v.get(1).asText() : null;
            if (type != null && !type.startsWith("xsd:")) {
                throw new IllegalArgumentException("a type is like \"xsd:string\", not \"" + type + "\" (" + name + ")");
            }
            return new WantedValue(v.get(0).asText(), type, jsonType(v.get(0)));
        }
        if (v.isValueNode() && !v.isNull()) {
            return new WantedValue(v.asText(), null, jsonType(v));
        }
        throw new IllegalArgumentException("the value of " + name + " must be a string, number, boolean or [value, type]");
    }

    private static String jsonType(JsonNode v) {
        if (v.isBoolean()) {
            return "xsd:boolean";
        }
        if (v.isIntegralNumber()) {
            return v.asLong() >= 0 ? "xsd:unsignedInt" : "xsd:int";
        }
        return "xsd:string";
    }

    private static String where(String context) {
        return context.isEmpty() ? "" : " (in " + context + ")";
    }
}
