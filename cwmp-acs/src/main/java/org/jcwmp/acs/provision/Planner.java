package org.jcwmp.acs.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes the fewest RPCs that bring a device from its stored state to the merged wanted state of its presets:
 * one SetParameterValues for every value that differs or is unknown, an AddObject per missing instance, a
 * GetParameterValues for a table the ACS knows nothing of, and no RPC at all when the device is compliant.
 * Tags need no RPC: they live in the ACS.
 */
final class Planner {
    /**
     * The tasks to queue (task JSON), tag changes, notes for people, and the firmware version to download when the
     * device runs another one (with the preset that wants it), else null.
     */
    record Plan(List<ObjectNode> tasks, Set<String> addTags, Set<String> removeTags, List<String> notes, boolean recheck,
                Firmware firmware) {
    }

    /** A firmware version a preset wants and the device does not run. */
    record Firmware(String version, String preset) {
    }

    /** A device's stored state: values, types as reported (may lack entries), every known name (objects too), tags. */
    record Stored(Map<String, String> values, Map<String, String> types, Set<String> names, Set<String> tags) {
    }

    private record Wanted(WantedValue value, String preset) {
    }

    private final ObjectMapper json;

    Planner(ObjectMapper json) {
        this.json = json;
    }

    /** presets in application order: lightest first, so heavier ones override. */
    Plan plan(List<Preset> presets, Stored stored, SessionState state) {
        Map<String, Wanted> params = new LinkedHashMap<>();
        Map<String, WantedObjectFrom> objects = new LinkedHashMap<>();
        Set<String> add = new TreeSet<>();
        Set<String> remove = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        String softwareVersion = null;
        String softwareVersionPreset = null;
        for (Preset p : presets) {
            p.parameters().forEach((n, v) -> params.put(n, new Wanted(v, p.name())));
            p.objects().forEach(o -> objects.put(o.key(), new WantedObjectFrom(o, p.name())));
            for (String t : p.addTags()) {
                add.add(t);
                remove.remove(t);
            }
            for (String t : p.removeTags()) {
                remove.add(t);
                add.remove(t);
            }
            if (p.softwareVersion() != null) {
                softwareVersion = p.softwareVersion();
                softwareVersionPreset = p.name();
            }
        }
        add.removeAll(stored.tags());
        remove.retainAll(stored.tags());

        List<ObjectNode> tasks = new ArrayList<>();
        Map<String, Wanted> toSet = new LinkedHashMap<>();
        params.forEach((n, w) -> {
            if (!w.value().satisfiedBy(stored.values().get(n))) {
                toSet.put(n, w);
            }
        });
        boolean recheck = false;
        for (WantedObjectFrom wo : objects.values()) {
            WantedObject o = wo.object();
            Set<String> instances = instances(o.table(), stored.names());
            String target = state.created.get(o.key());
            if (target == null && state.instancesBeforeAdd.containsKey(o.key())) {
                // The AddObject the engine sent for this wish has run: the new instance is the one not there before.
                Set<String> fresh = new TreeSet<>(instances);
                fresh.removeAll(state.instancesBeforeAdd.get(o.key()));
                if (!fresh.isEmpty()) {
                    target = fresh.iterator().next();
                    state.created.put(o.key(), target);
                }
            }
            if (target == null) {
                target = instances.stream().filter(i -> o.match().entrySet().stream()
                        .allMatch(m -> m.getValue().satisfiedBy(stored.values().get(i + m.getKey())))).findFirst().orElse(null);
            }
            if (target == null && !state.instancesBeforeAdd.containsKey(o.key())) {
                if (instances.isEmpty() && !knowsAnythingUnder(o.table(), stored.names()) && state.refreshed.add(o.table())) {
                    tasks.add(task("getParameterValues", wo.preset()).set("parameterNames", json.createArrayNode().add(o.table())));
                } else {
                    state.instancesBeforeAdd.put(o.key(), instances);
                    tasks.add(task("addObject", wo.preset()).put("objectName", o.table()));
                }
                recheck = true;
                continue;
            }
            if (target == null) {
                notes.add("the instance made for " + o.table() + " did not appear; giving up for this session");
                continue;
            }
            Map<String, WantedValue> wantedHere = new LinkedHashMap<>(o.match());
            wantedHere.putAll(o.values());
            for (Map.Entry<String, WantedValue> e : wantedHere.entrySet()) {
                String name = target + e.getKey();
                if (!e.getValue().satisfiedBy(stored.values().get(name))) {
                    toSet.put(name, new Wanted(e.getValue(), wo.preset()));
                }
            }
        }
        if (!toSet.isEmpty()) {
            ObjectNode spv = task("setParameterValues", null);
            ArrayNode values = spv.putArray("parameterValues");
            Set<String> from = new TreeSet<>();
            toSet.forEach((n, w) -> {
                var entry = json.createArrayNode().add(n).add(w.value().json(json.getNodeFactory()));
                if (w.value().type() != null) {
                    entry.add(w.value().type());
                }
                values.add(entry);
                from.add(w.preset());
            });
            spv.put("parameterKey", "");
            ArrayNode ps = spv.putArray("presets");
            from.forEach(ps::add);
            // Values go out before objects are made, in one RPC; objects' values follow in a later round.
            tasks.addFirst(spv);
        }
        Firmware firmware = null;
        if (softwareVersion != null) {
            String running = stored.values().getOrDefault("Device.DeviceInfo.SoftwareVersion",
                    stored.values().get("InternetGatewayDevice.DeviceInfo.SoftwareVersion"));
            if (!softwareVersion.equals(running)) {
                firmware = new Firmware(softwareVersion, softwareVersionPreset);
            }
        }
        return new Plan(tasks, add, remove, notes, recheck, firmware);
    }

    private record WantedObjectFrom(WantedObject object, String preset) {
    }

    private ObjectNode task(String name, String preset) {
        ObjectNode t = json.createObjectNode().put("name", name);
        if (preset != null) {
            t.putArray("presets").add(preset);
        }
        return t;
    }

    /** "T.1.", "T.2." ... for table T, from every known name under it. */
    static Set<String> instances(String table, Set<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (n.length() > table.length() && n.startsWith(table)) {
                int dot = n.indexOf('.', table.length());
                String seg = dot < 0 ? "" : n.substring(table.length(), dot);
                if (!seg.isEmpty() && seg.chars().allMatch(Character::isDigit)) {
                    out.add(table + seg + ".");
                }
            }
        }
        return out;
    }

    private static boolean knowsAnythingUnder(String table, Set<String> names) {
        return names.stream().anyMatch(n -> n.startsWith(table));
    }
}
