package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.connreq.ConnectionRequester;
import org.jcwmp.acs.session.CwmpEndpoint;
import org.jcwmp.acs.store.CpeCredentialStore;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.StoredParameter;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The northbound REST API: devices, their parameters and events, tasks, connection requests.
 * Described in openapi.yaml, served at /openapi.yaml.
 */
public final class NbiApi {
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    private static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final DeviceStore devices;
    private final CpeCredentialStore cpeCredentials;
    private final TaskService tasks;
    private final ConnectionRequester connectionRequester;
    private final CwmpEndpoint cwmp;
    private final ObjectMapper json;

    public NbiApi(DeviceStore devices, CpeCredentialStore cpeCredentials, TaskService tasks, ConnectionRequester connectionRequester, CwmpEndpoint cwmp,
                  ObjectMapper json) {
        this.devices = devices;
        this.cpeCredentials = cpeCredentials;
        this.tasks = tasks;
        this.connectionRequester = connectionRequester;
        this.cwmp = cwmp;
        this.json = json;
    }

    public void routes(Javalin app) {
        app.get("/", ctx -> ctx.json(json.createObjectNode().put("name", "jcwmp NBI").put("openapi", "/openapi.yaml")));
        app.get("/openapi.yaml", this::openApi);
        app.get("/devices", this::listDevices);
        app.get("/devices/{id}", this::getDevice);
        app.get("/devices/{id}/parameters", this::getParameters);
        app.get("/devices/{id}/tasks", ctx -> ctx.json(tasks.forDevice(device(ctx).id()).stream().map(this::taskJson).toList()));
        app.post("/devices/{id}/tasks", this::queueTask);
        app.post("/devices/{id}/connection-request", ctx -> ctx.json(outcomeJson(connectionRequester.request(device(ctx)))));
        app.get("/tasks/{taskId}", this::getTask);
        app.put("/cpe-credentials/{username}", this::putCpeCredentials);
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) ->
                error(ctx, HttpStatus.BAD_REQUEST, "the body is not JSON: " + e.getOriginalMessage()));
        app.exception(NotFoundResponse.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
    }

    private void listDevices(Context ctx) {
        int offset = intParam(ctx, "offset", 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", 100, 1000);
        ObjectNode out = json.createObjectNode();
        out.put("total", devices.count());
        var list = out.putArray("devices");
        devices.list(offset, limit).forEach(d -> list.add(deviceJson(d)));
        ctx.json(out);
    }

    private void getDevice(Context ctx) {
        Device d = device(ctx);
        ObjectNode out = deviceJson(d);
        ObjectNode params = out.putObject("parameters");
        devices.parameters(d.id(), "").forEach(p -> params.set(p.name(), parameterJson(p)));
        var events = out.putArray("events");
        devices.events(d.id(), 50).forEach(e -> events.add(json.valueToTree(e)));
        ctx.json(out);
    }

    private void getParameters(Context ctx) {
        Device d = device(ctx);
        String prefix = ctx.queryParam("prefix") == null ? "" : ctx.queryParam("prefix");
        ObjectNode out = json.createObjectNode();
        devices.parameters(d.id(), prefix).forEach(p -> out.set(p.name(), parameterJson(p)));
        ctx.json(out);
    }

    /**
     * Queues a task. With ?connection_request the ACS also asks the device to connect now and waits up to
     * ?timeout (ms) for the result: 200 with the finished task, else 202 with it still queued or running.
     */
    private void queueTask(Context ctx) throws Exception {
        Device d = device(ctx);
        JsonNode body = json.readTree(ctx.body());
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object like {\"name\": \"getParameterValues\", ...}");
        }
        Task task = tasks.queue(d.id(), body);
        if (ctx.queryParam("connection_request") == null) {
            ctx.status(HttpStatus.ACCEPTED).json(taskJson(task));
            return;
        }
        Duration wait = Duration.ofMillis(intParam(ctx, "timeout", (int) DEFAULT_WAIT.toMillis(), (int) MAX_WAIT.toMillis()));
        var finished = tasks.whenFinished(task.id());
        long deadline = System.nanoTime() + wait.toNanos();
        ConnectionRequestOutcome outcome = null;
        while (true) {
            // A device in session takes the task at its next empty POST; once it is out, it needs a request.
            if (outcome == null && !cwmp.inSession(d.id())) {
                outcome = connectionRequester.request(d);
                if (!outcome.delivered()) {
                    break;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                task = tasks.find(task.id()).orElse(task);
                break;
            }
            try {
                task = finished.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                break;
            } catch (TimeoutException e) {
                // keep waiting
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        if (outcome == null) {
            outcome = new ConnectionRequestOutcome("none", true, "the device was in a session already", Duration.ZERO);
        }
        ObjectNode out = taskJson(task);
        out.set("connectionRequest", outcomeJson(outcome));
        ctx.status(task.status().finished() ? HttpStatus.OK : HttpStatus.ACCEPTED).json(out);
    }

    private void getTask(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("taskId"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a task id is a number, not \"" + ctx.pathParam("taskId") + "\"");
        }
        ctx.json(taskJson(tasks.find(id).orElseThrow(() -> new NotFoundResponse("no task " + id))));
    }

    /** Credentials one CPE authenticates with (its ManagementServer.Username and Password). */
    private void putCpeCredentials(Context ctx) throws JsonProcessingException {
        JsonNode body = json.readTree(ctx.body());
        JsonNode password = body == null ? null : body.get("password");
        if (password == null || !password.isTextual() || password.asText().isEmpty()) {
            throw new IllegalArgumentException("the body must be {\"password\": \"...\"} with a non-empty password");
        }
        cpeCredentials.put(ctx.pathParam("username"), password.asText());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = NbiApi.class.getResourceAsStream("/openapi.yaml")) {
            ctx.contentType("application/yaml").result(in.readAllBytes());
        }
    }

    private Device device(Context ctx) {
        String id = ctx.pathParam("id");
        return devices.find(id).orElseThrow(() -> new NotFoundResponse("no device " + id));
    }

    private ObjectNode deviceJson(Device d) {
        ObjectNode n = json.createObjectNode();
        n.put("id", d.id());
        n.put("manufacturer", d.deviceId().manufacturer());
        n.put("oui", d.deviceId().oui());
        n.put("productClass", d.deviceId().productClass());
        n.put("serialNumber", d.deviceId().serialNumber());
        n.set("firstContact", json.valueToTree(d.firstContact()));
        n.set("lastContact", json.valueToTree(d.lastContact()));
        n.set("lastBoot", json.valueToTree(d.lastBoot()));
        n.put("connectionRequestUrl", d.connectionRequestUrl());
        n.put("inSession", cwmp.inSession(d.id()));
        return n;
    }

    private ObjectNode parameterJson(StoredParameter p) {
        ObjectNode n = json.createObjectNode();
        n.put("value", p.value());
        n.put("type", p.type());
        if (p.writable() != null) {
            n.put("writable", p.writable());
        }
        if (p.notification() != null) {
            n.put("notification", p.notification());
        }
        if (p.accessList() != null) {
            n.set("accessList", json.valueToTree(p.accessList()));
        }
        n.set("updated", json.valueToTree(p.updated()));
        return n;
    }

    private ObjectNode taskJson(Task t) {
        ObjectNode n = json.createObjectNode();
        n.put("id", t.id());
        n.put("device", t.deviceId());
        n.put("name", t.name());
        n.put("status", t.status().name().toLowerCase());
        n.set("request", readJson(t.request()));
        if (t.result() != null && t.faultCode() == null) {
            n.set("result", readJson(t.result()));
        }
        if (t.faultCode() != null) {
            n.putObject("fault").put("code", t.faultCode()).put("string", t.faultString()).set("detail", readJson(t.result()));
        }
        n.set("created", json.valueToTree(t.created()));
        n.set("updated", json.valueToTree(t.updated()));
        return n;
    }

    private ObjectNode outcomeJson(ConnectionRequestOutcome o) {
        ObjectNode n = json.createObjectNode();
        n.put("mechanism", o.mechanism());
        n.put("delivered", o.delivered());
        n.put("detail", o.detail());
        n.put("elapsedMillis", o.elapsed().toNanos() / 1e6);
        return n;
    }

    private JsonNode readJson(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(json.createObjectNode().put("error", message));
    }

    private static int intParam(Context ctx, String name, int fallback, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > max) {
                throw new IllegalArgumentException("\"" + name + "\" must be between 0 and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + name + "\" must be a number, not \"" + v + "\"");
        }
    }
}
