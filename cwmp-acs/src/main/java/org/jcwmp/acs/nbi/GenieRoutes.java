package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceSearch;
import org.jcwmp.acs.store.StoredFault;
import org.jcwmp.acs.store.StoredParameter;
import org.jcwmp.acs.task.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GenieACS-shaped answers for scripts moving over, on GenieACS's paths with their trailing slash:
 * GET /devices/?query=&projection=&skip=&limit=&sort= (device documents), GET /tasks/?query={"device": ...},
 * GET /faults/?query={"device": ...}, GET /presets/; GET /files/ and PUT /files/{name} are files.FileRoutes (or
 * stand-ins in SystemRoutes when the ACS runs no file server).
 * POST /devices/{id}/tasks?connection_request, POST /devices/{id}/tags/{tag}, DELETE /devices/{id}/tags/{tag},
 * DELETE /faults/{device:channel} and POST /tasks/{id}/retry are the same routes as jcwmp's.
 */
final class GenieRoutes {
    private final NbiServices s;
    private final NbiJson j;
    private final TaskRoutes taskRoutes;

    GenieRoutes(NbiServices s, NbiJson j, TaskRoutes taskRoutes) {
        this.s = s;
        this.j = j;
        this.taskRoutes = taskRoutes;
    }

    void register(RouteTable r) {
        r.get("/devices/", Access.READ, this::devices);
        r.get("/tasks/", Access.READ, ctx -> ctx.json(taskRoutes.tasksOf(ctx).stream().map(this::task).toList()));
        r.get("/faults/", Access.READ, this::faults);
        r.get("/presets/", Access.READ, ctx -> ctx.json(s.presets().all().entrySet().stream().map(e -> {
            ObjectNode n = j.object().put("_id", e.getKey());
            if (j.read(e.getValue()) instanceof ObjectNode o) {
                n.setAll(o);
            }
            return n;
        }).toList()));
    }

    private void devices(Context ctx) {
        int skip = Requests.intParam(ctx, "skip", 0, Integer.MAX_VALUE);
        int limit = Requests.intParam(ctx, "limit", 1000, 10_000);
        DeviceSearch.Page page = s.metrics().store("device_search", () -> s.search().search(DeviceQueries.query(ctx),
                DeviceQueries.sort(ctx, j.mapper()), skip, limit));
        List<String> projection = ctx.queryParam("projection") == null ? List.of()
                : Arrays.stream(ctx.queryParam("projection").split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        Map<String, Set<String>> tags = s.tags().tags(page.devices().stream().map(Device::id).toList());
        ArrayNode out = j.mapper().createArrayNode();
        for (Device d : page.devices()) {
            out.add(document(d, tags.getOrDefault(d.id(), Set.of()), projection));
        }
        ctx.header("X-Total-Count", String.valueOf(page.total()));
        ctx.json(out);
    }

    /** A device as GenieACS writes it: _id, _deviceId, _lastInform, _tags and the parameter tree with _value. */
    private ObjectNode document(Device d, Set<String> tags, List<String> projection) {
        ObjectNode doc = j.object();
        doc.put("_id", d.id());
        ObjectNode id = doc.putObject("_deviceId");
        id.put("_Manufacturer", d.deviceId().manufacturer()).put("_OUI", d.deviceId().oui())
                .put("_ProductClass", d.deviceId().productClass()).put("_SerialNumber", d.deviceId().serialNumber());
        doc.put("_registered", String.valueOf(d.firstContact()));
        doc.put("_lastInform", String.valueOf(d.lastContact()));
        if (d.lastBoot() != null) {
            doc.put("_lastBoot", d.lastBoot().toString());
        }
        if (!tags.isEmpty()) {
            ArrayNode t = doc.putArray("_tags");
            tags.forEach(t::add);
        }
        List<StoredParameter> params = new ArrayList<>();
        if (projection.isEmpty()) {
            params.addAll(s.devices().parameters(d.id(), ""));
        } else {
            for (String p : projection) {
                if (!p.startsWith("_")) {
                    params.addAll(s.devices().parameters(d.id(), p));
                }
            }
        }
        for (StoredParameter p : params) {
            ObjectNode node = doc;
            String[] parts = p.name().split("\\.");
            for (String part : parts) {
                JsonNode child = node.get(part);
                node = child instanceof ObjectNode o ? o : node.putObject(part);
            }
            if (p.name().endsWith(".")) {
                node.put("_object", true);
            } else {
                node.put("_value", p.value());
                node.put("_type", p.type());
                if (p.writable() != null) {
                    node.put("_writable", p.writable());
                }
            }
            node.put("_timestamp", String.valueOf(p.updated()));
        }
        if (!projection.isEmpty()) {
            for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("_id") && projection.stream().noneMatch(p -> p.equals(f) || p.startsWith(f + "."))) {
                    it.remove();
                }
            }
        }
        return doc;
    }

    private ObjectNode task(Task t) {
        ObjectNode n = j.object().put("_id", String.valueOf(t.id())).put("device", t.deviceId());
        if (j.read(t.request()) instanceof ObjectNode req) {
            n.setAll(req);
        }
        n.put("timestamp", String.valueOf(t.created()));
        n.put("status", t.status().name().toLowerCase());
        if (t.faultCode() != null) {
            n.putObject("fault").put("code", String.valueOf(t.faultCode())).put("message", t.faultString());
        }
        return n;
    }

    private void faults(Context ctx) {
        String device = null;
        if (ctx.queryParam("query") != null) {
            JsonNode q = j.read(ctx.queryParam("query"));
            device = q == null ? null : q.path("device").asText(null);
        }
        List<StoredFault> faults = s.faultStore().list(device, 0, 10_000);
        ctx.json(faults.stream().map(f -> {
            ObjectNode n = j.object().put("_id", f.deviceId() + ":" + f.channel()).put("device", f.deviceId())
                    .put("channel", f.channel()).put("code", String.valueOf(f.code())).put("message", f.message());
            n.set("detail", j.read(f.detail()));
            n.put("timestamp", String.valueOf(f.created())).put("retries", f.retries());
            return n;
        }).toList());
    }
}
