package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.StoredFault;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskRequests;

import java.util.List;

/** Tasks: one by id, a device's by query, bulk queueing over a device query, retry of a failed one. */
final class TaskRoutes {
    static final int BULK_MAX = 10_000;

    private final NbiServices s;
    private final NbiJson j;
    private final ConnectionRequests cr;
    private final GenieTasks genie;

    TaskRoutes(NbiServices s, NbiJson j, ConnectionRequests cr, GenieTasks genie) {
        this.genie = genie;
        this.s = s;
        this.j = j;
        this.cr = cr;
    }

    void register(RouteTable r) {
        r.get("/tasks/{taskId}", Access.READ, ctx -> ctx.json(j.task(task(ctx))));
        r.get("/tasks", Access.READ, this::list);
        r.post("/tasks", Access.WRITE, this::bulk);
        r.post("/tasks/{taskId}/retry", Access.WRITE, this::retry);
    }

    Task task(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("taskId"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a task id is a number, not \"" + ctx.pathParam("taskId") + "\"");
        }
        return s.tasks().find(id).orElseThrow(() -> new NbiError(404, "no task " + id));
    }

    /** GET /tasks?device=ID[&status=queued]: a device's tasks, oldest first. */
    private void list(Context ctx) {
        ctx.json(tasksOf(ctx).stream().map(j::task).toList());
    }

    List<Task> tasksOf(Context ctx) {
        String device = ctx.queryParam("device");
        if (device == null && ctx.queryParam("query") != null) {
            JsonNode q = j.read(ctx.queryParam("query"));
            device = q == null ? null : q.path("device").asText(null);
        }
        if (device == null) {
            throw new IllegalArgumentException("name the device: ?device=ID (or ?query={\"device\": \"ID\"})");
        }
        String status = ctx.queryParam("status");
        return s.tasks().forDevice(device).stream()
                .filter(t -> status == null || t.status().name().equalsIgnoreCase(status)).toList();
    }

    /**
     * POST /tasks?query={...}[&connection_request]: queues the task for every matching device (at most 10000) and,
     * when asked, sends them connection requests in the background. 202 with the queued task ids.
     */
    private void bulk(Context ctx) throws Exception {
        if (ctx.queryParam("query") == null && ctx.queryParam("q") == null) {
            throw new IllegalArgumentException("bulk tasks need ?query={...} naming the devices ({} for all of them)");
        }
        JsonNode body = genie.translate(Requests.object(ctx, j.mapper(), "{\"name\": \"reboot\"}"));
        List<String> ids = s.search().ids(DeviceQueries.query(ctx), BULK_MAX + 1);
        if (ids.size() > BULK_MAX) {
            throw new IllegalArgumentException("the query matches more than " + BULK_MAX + " devices; narrow it");
        }
        TaskRequests.toRequest(genie.forDevice("check", body)); // refuses a malformed task before anything is queued
        ObjectNode out = j.object();
        ArrayNode tasks = out.putArray("tasks");
        for (String id : ids) {
            tasks.add(j.object().put("device", id).put("id", s.tasks().queue(id, genie.forDevice(id, body)).id()));
        }
        out.put("queued", ids.size());
        if (Requests.flag(ctx, "connection_request")) {
            List<Device> devices = s.devices().find(ids);
            cr.inBackground(devices);
            out.put("connectionRequests", devices.size());
        }
        ctx.status(202).json(out);
    }

    /** POST /tasks/{id}/retry: retries the fault the failed task left (GenieACS's call). */
    private void retry(Context ctx) {
        Task t = task(ctx);
        StoredFault f = s.faultStore().list(t.deviceId(), 0, 1000).stream()
                .filter(x -> x.taskId() != null && x.taskId() == t.id()).findFirst()
                .orElseThrow(() -> new NbiError(404, "task " + t.id() + " has no open fault"));
        ctx.json(ProvisioningRoutes.retried(s, j, f));
    }
}
