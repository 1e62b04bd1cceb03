package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceSearch;
import org.jcwmp.acs.store.StoredParameter;
import org.jcwmp.acs.store.TagStore;
import org.jcwmp.acs.task.Task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Devices: search, one device, its parameters (flat or as a tree), tags, tasks and connection requests. */
final class DeviceRoutes {
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    private static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final NbiServices s;
    private final NbiJson j;
    private final ConnectionRequests cr;
    private final GenieTasks genie;

    DeviceRoutes(NbiServices s, NbiJson j, ConnectionRequests cr, GenieTasks genie) {
        this.genie = genie;
        this.s = s;
        this.j = j;
        this.cr = cr;
    }

    void register(RouteTable r) {
        r.get("/devices", Access.READ, this::list);
        r.get("/devices/{id}", Access.READ, this::one);
        r.get("/devices/{id}/parameters", Access.READ, this::parameters);
        r.get("/devices/{id}/tree", Access.READ, this::tree);
        r.get("/devices/{id}/tasks", Access.READ, ctx -> ctx.json(
                s.tasks().forDevice(Requests.device(ctx, s.devices()).id()).stream().map(j::task).toList()));
        r.post("/devices/{id}/tasks", Access.WRITE, this::queueTask);
        r.post("/devices/{id}/connection-request", Access.WRITE, ctx ->
                ctx.json(j.outcome(cr.request(Requests.device(ctx, s.devices())))));
        r.get("/devices/{id}/tags", Access.READ, ctx -> ctx.json(s.tags().tags(Requests.device(ctx, s.devices()).id())));
        r.post("/devices/{id}/tags/{tag}", Access.WRITE, ctx -> tag(ctx, true));
        r.delete("/devices/{id}/tags/{tag}", Access.WRITE, ctx -> tag(ctx, false));
        r.get("/devices/{id}/faults", Access.READ, ctx -> ctx.json(s.faultStore()
                .list(Requests.device(ctx, s.devices()).id(), 0, 1000).stream().map(j::fault).toList()));
        r.put("/cpe-credentials/{username}", Access.ADMIN, this::putCpeCredentials);
    }

    /** GET /devices: {total, devices}, searched, sorted and paged. */
    private void list(Context ctx) {
        int offset = Requests.intParam(ctx, "offset", Requests.intParam(ctx, "skip", 0, Integer.MAX_VALUE), Integer.MAX_VALUE);
        int limit = Requests.intParam(ctx, "limit", 100, 1000);
        DeviceSearch.Page page = s.metrics().store("device_search", () -> s.search().search(DeviceQueries.query(ctx),
                DeviceQueries.sort(ctx, j.mapper()), offset, limit));
        ObjectNode out = j.object();
        out.put("total", page.total());
        ArrayNode list = out.putArray("devices");
        devicesJson(page.devices()).forEach(list::add);
        ctx.header("X-Total-Count", String.valueOf(page.total()));
        ctx.json(out);
    }

    List<ObjectNode> devicesJson(List<Device> devices) {
        List<String> ids = devices.stream().map(Device::id).toList();
        Map<String, Set<String>> tags = s.tags().tags(ids);
        Map<String, String> versions = s.search().values(ids, NbiJson.SOFTWARE_VERSION);
        Set<String> inSession = s.cwmp().inSession(ids);
        return devices.stream().map(d -> j.device(d, inSession.contains(d.id()), tags.getOrDefault(d.id(), Set.of()),
                versions.get(d.id()))).toList();
    }

    private void one(Context ctx) {
        Device d = Requests.device(ctx, s.devices());
        ObjectNode out = devicesJson(List.of(d)).getFirst();
        ObjectNode params = out.putObject("parameters");
        s.devices().parameters(d.id(), "").forEach(p -> params.set(p.name(), j.parameter(p)));
        ArrayNode events = out.putArray("events");
        s.devices().events(d.id(), 50).forEach(e -> events.add(j.mapper().valueToTree(e)));
        ctx.json(out);
    }

    private void parameters(Context ctx) {
        Device d = Requests.device(ctx, s.devices());
        String prefix = ctx.queryParam("prefix") == null ? "" : ctx.queryParam("prefix");
        ObjectNode out = j.object();
        s.devices().parameters(d.id(), prefix).forEach(p -> out.set(p.name(), j.parameter(p)));
        ctx.json(out);
    }

    /**
     * GET /devices/{id}/tree?path=Device.: the level below path, for the UI's lazy tree: child objects with how
     * many parameters the ACS knows under each, and the parameters right at this level.
     */
    private void tree(Context ctx) {
        Device d = Requests.device(ctx, s.devices());
        String path = ctx.queryParam("path") == null ? "" : ctx.queryParam("path");
        if (!path.isEmpty() && !path.endsWith(".")) {
            throw new IllegalArgumentException("\"path\" is an object path ending with a dot, like Device.DeviceInfo.");
        }
        Map<String, Integer> objects = new TreeMap<>(DeviceRoutes::byPath);
        ObjectNode out = j.object().put("path", path);
        ArrayNode params = j.mapper().createArrayNode();
        for (StoredParameter p : s.devices().parameters(d.id(), path)) {
            String rest = p.name().substring(path.length());
            int dot = rest.indexOf('.');
            if (rest.isEmpty()) {
                continue;
            }
            if (dot >= 0) {
                objects.merge(path + rest.substring(0, dot + 1), p.name().endsWith(".") ? 0 : 1, Integer::sum);
            } else {
                ObjectNode n = j.parameter(p);
                n.put("name", p.name());
                params.add(n);
            }
        }
        ArrayNode objs = out.putArray("objects");
        objects.forEach((name, count) -> objs.add(j.object().put("path", name).put("parameters", count)));
        out.set("parameters", params);
        ctx.json(out);
    }

    /** Orders instance numbers as numbers: Device.IP.Interface.2. before Device.IP.Interface.10. */
    static int byPath(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (x[i].matches("\\d{1,9}") && y[i].matches("\\d{1,9}")) {
                c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /**
     * Queues a task. With ?connection_request the ACS also asks the device to connect now and waits up to
     * ?timeout (ms) for the result: 200 with the finished task, else 202 with it still queued or running.
     */
    private void queueTask(Context ctx) throws Exception {
        Device d = Requests.device(ctx, s.devices());
        JsonNode body = genie.translate(Requests.object(ctx, j.mapper(),
                "{\"name\": \"getParameterValues\", \"parameterNames\": [\"Device.DeviceInfo.\"]}"));
        Task task = s.tasks().queue(d.id(), genie.forDevice(d.id(), body));
        if (!Requests.flag(ctx, "connection_request")) {
            ctx.status(202).json(j.task(task));
            return;
        }
        Duration wait = Duration.ofMillis(Requests.intParam(ctx, "timeout", (int) DEFAULT_WAIT.toMillis(),
                (int) MAX_WAIT.toMillis()));
        ConnectionRequests.Waited w = cr.run(d, task, wait);
        ctx.status(w.task().status().finished() ? 200 : 202).json(cr.json(j, w));
    }

    private void tag(Context ctx, boolean add) {
        Device d = Requests.device(ctx, s.devices());
        String tag = TagStore.check(ctx.pathParam("tag"));
        if (add) {
            s.tags().change(d.id(), List.of(tag), List.of());
        } else {
            s.tags().change(d.id(), List.of(), List.of(tag));
        }
        ctx.json(s.tags().tags(d.id()));
    }

    /** Credentials one CPE authenticates with (its ManagementServer.Username and Password). */
    private void putCpeCredentials(Context ctx) throws Exception {
        JsonNode body = Requests.object(ctx, j.mapper(), "{\"password\": \"...\"}");
        JsonNode password = body.get("password");
        if (password == null || !password.isTextual() || password.asText().isEmpty()) {
            throw new IllegalArgumentException("the body must be {\"password\": \"...\"} with a non-empty password");
        }
        s.cpeCredentials().put(ctx.pathParam("username"), password.asText());
        ctx.status(204);
    }
}
