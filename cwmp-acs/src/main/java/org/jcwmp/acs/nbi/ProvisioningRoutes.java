package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.jcwmp.acs.provision.Preset;
import org.jcwmp.acs.provision.PresetParser;
import org.jcwmp.acs.provision.WantedObject;
import org.jcwmp.acs.provision.WantedValue;
import org.jcwmp.acs.task.TaskRequests;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.StoredFault;
import org.jcwmp.acs.store.TagStore;
import org.jcwmp.acs.task.Task;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Presets, faults (retry, clear) and tags across devices. */
final class ProvisioningRoutes {
    private final NbiServices s;
    private final NbiJson j;
    private final ConnectionRequests cr;

    ProvisioningRoutes(NbiServices s, NbiJson j, ConnectionRequests cr) {
        this.s = s;
        this.j = j;
        this.cr = cr;
    }

    void register(RouteTable r) {
        r.get("/presets", Access.READ, ctx -> ctx.json(s.presets().all().entrySet().stream()
                .map(e -> preset(e.getKey(), e.getValue())).toList()));
        r.get("/presets/{name}", Access.READ, ctx -> {
            String name = ctx.pathParam("name");
            String def = s.presets().all().get(name);
            if (def == null) {
                throw new NbiError(404, "no preset " + name);
            }
            ctx.json(preset(name, def));
        });
        r.put("/presets/{name}", Access.WRITE, this::putPreset);
        r.delete("/presets/{name}", Access.WRITE, ctx -> {
            if (!s.presets().delete(ctx.pathParam("name"))) {
                throw new NbiError(404, "no preset " + ctx.pathParam("name"));
            }
            s.provisioner().invalidate();
            ctx.status(204);
        });

        r.get("/faults", Access.READ, ctx -> {
            int offset = Requests.intParam(ctx, "offset", 0, Integer.MAX_VALUE);
            int limit = Requests.intParam(ctx, "limit", 100, 1000);
            ObjectNode out = j.object().put("total", s.faultStore().count());
            var list = out.putArray("faults");
            s.faultStore().list(ctx.queryParam("device"), offset, limit).forEach(f -> list.add(j.fault(f)));
            ctx.json(out);
        });
        r.post("/faults/{faultId}/retry", Access.WRITE, ctx -> {
            StoredFault f = fault(ctx);
            ObjectNode out = retried(s, j, f);
            if (Requests.flag(ctx, "connection_request")) {
                s.devices().find(f.deviceId()).ifPresent(d -> out.set("connectionRequest", j.outcome(cr.request(d))));
            }
            ctx.json(out);
        });
        r.delete("/faults/{faultId}", Access.WRITE, ctx -> {
            s.faults().clear(fault(ctx));
            ctx.status(204);
        });

        r.get("/tags", Access.READ, ctx -> ctx.json(s.tags().counts()));
        r.post("/tags/{tag}", Access.WRITE, ctx -> bulkTag(ctx, true));
        r.delete("/tags/{tag}", Access.WRITE, ctx -> bulkTag(ctx, false));
    }

    private ObjectNode preset(String name, String definition) {
        ObjectNode n = j.object().put("name", name);
        JsonNode d = j.read(definition);
        if (d instanceof ObjectNode o) {
            n.setAll(o);
        }
        return n;
    }

    private void putPreset(Context ctx) throws Exception {
        String name = ctx.pathParam("name");
        JsonNode body = Requests.object(ctx, j.mapper(), "{\"events\": [\"0 BOOTSTRAP\"], \"parameters\": {...}}");
        if (body instanceof ObjectNode o) {
            o.remove("name");
        }
        checkAgainstDataModel(PresetParser.parse(name, body));
        s.presets().put(name, j.write(body), Instant.now());
        s.provisioner().invalidate();
        ctx.json(preset(name, j.write(body)));
    }

    /**
     * Refuses a preset whose RPCs the ACS would refuse anyway (an unknown or read-only parameter, a value of the wrong
     * type), by checking sample tasks against the standard data models; objects are checked as instance 1.
     */
    private void checkAgainstDataModel(Preset p) {
        ObjectNode spv = j.object().put("name", "setParameterValues");
        ArrayNode values = spv.putArray("parameterValues");
        p.parameters().forEach((n, v) -> values.add(entry(n, v)));
        for (WantedObject o : p.objects()) {
            TaskRequests.toCheckedRequest(j.object().put("name", "addObject").put("objectName", o.table()));
            o.match().forEach((n, v) -> values.add(entry(o.table() + "1." + n, v)));
            o.values().forEach((n, v) -> values.add(entry(o.table() + "1." + n, v)));
        }
        if (!values.isEmpty()) {
            TaskRequests.toCheckedRequest(spv);
        }
    }

    private ArrayNode entry(String name, WantedValue v) {
        ArrayNode e = j.mapper().createArrayNode().add(name).add(v.json(j.mapper().getNodeFactory()));
        if (v.type() != null) {
            e.add(v.type());
        }
        return e;
    }

    /** A fault by its number, or GenieACS-style as "DEVICE:CHANNEL". */
    private StoredFault fault(Context ctx) {
        String id = ctx.pathParam("faultId");
        Optional<StoredFault> f;
        if (id.matches("\\d{1,18}")) {
            f = s.faultStore().find(Long.parseLong(id));
        } else {
            int colon = id.indexOf(':');
            String device = colon < 0 ? id : id.substring(0, colon);
            String channel = colon < 0 ? "" : id.substring(colon + 1);
            f = s.faultStore().list(device, 0, 1000).stream().filter(x -> x.channel().equals(channel)).findFirst();
        }
        return f.orElseThrow(() -> new NbiError(404, "no open fault " + id));
    }

    static ObjectNode retried(NbiServices s, NbiJson j, StoredFault f) {
        Optional<Task> again = s.faults().retry(f);
        ObjectNode out = j.object().put("fault", f.id()).put("channel", f.channel());
        again.ifPresent(t -> out.set("task", j.task(t)));
        if (again.isEmpty()) {
            out.put("detail", "the preset runs again at the device's next session");
        }
        return out;
    }

    /** POST|DELETE /tags/{tag}?query={...}: tags or untags every matching device. */
    private void bulkTag(Context ctx, boolean add) {
        String tag = TagStore.check(ctx.pathParam("tag"));
        if (ctx.queryParam("query") == null && ctx.queryParam("q") == null) {
            throw new IllegalArgumentException("name the devices with ?query={...} ({} for all of them)");
        }
        List<String> ids = s.search().ids(DeviceQueries.query(ctx), TaskRoutes.BULK_MAX);
        int changed = 0;
        for (String id : ids) {
            if (s.tags().change(id, add ? List.of(tag) : List.of(), add ? List.of() : List.of(tag))) {
                changed++;
            }
        }
        ctx.json(j.object().put("matched", ids.size()).put("changed", changed));
    }

}
