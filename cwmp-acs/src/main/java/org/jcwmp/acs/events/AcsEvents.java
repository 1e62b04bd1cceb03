package org.jcwmp.acs.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.StoredFault;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;

import java.util.List;

/** Turns what happens on the ACS into live events: Informs, value changes, tasks, sessions, faults, connection requests. */
public final class AcsEvents implements AcsListener {
    private final EventBus bus;
    private final ObjectMapper json;

    public AcsEvents(EventBus bus, ObjectMapper json) {
        this.bus = bus;
        this.json = json;
    }

    public EventBus bus() {
        return bus;
    }

    @Override
    public void informed(Device device, Inform inform) {
        ObjectNode data = json.createObjectNode();
        ArrayNode events = data.putArray("events");
        inform.event().forEach(e -> events.add(e.eventCode()));
        ObjectNode params = data.putObject("parameters");
        inform.parameterList().forEach(p -> params.put(p.name(), p.value()));
        bus.publish("inform", device.id(), data);
        List<String> codes = inform.event().stream().map(EventStruct::eventCode).toList();
        if (codes.contains(EventCode.VALUE_CHANGE)) {
            values(device.id(), "inform", inform.parameterList());
        }
        if (codes.contains(EventCode.TRANSFER_COMPLETE) || codes.contains(EventCode.AUTONOMOUS_TRANSFER_COMPLETE)) {
            ObjectNode t = json.createObjectNode();
            t.set("events", events);
            bus.publish("transfer-complete", device.id(), t);
        }
    }

    @Override
    public void taskFinished(Task task) {
        ObjectNode data = json.createObjectNode();
        data.put("id", task.id());
        data.put("name", task.name());
        data.put("status", task.status().name().toLowerCase());
        if (task.subState() != null) {
            data.put("subState", task.subState());
        }
        if (task.commandKey() != null) {
            data.put("commandKey", task.commandKey());
        }
        if (task.faultCode() != null) {
            data.putObject("fault").put("code", task.faultCode()).put("string", task.faultString());
        }
        JsonNode request = read(task.request());
        if (request != null && request.has("presets")) {
            data.set("presets", request.get("presets"));
        }
        bus.publish("task", task.deviceId(), data);
        if (task.status() == TaskStatus.DONE) {
            List<ParameterValueStruct> changed = valuesOf(task, request);
            if (!changed.isEmpty()) {
                values(task.deviceId(), task.name(), changed);
            }
        }
    }

    /** A transfer task the CPE accepted: a "task" event with status running and what it waits for. */
    @Override
    public void taskAwaiting(Task task) {
        taskFinished(task);
    }

    /**
     * A TransferComplete becomes a "transfer-result" event with its CommandKey, fault and times; the autonomous
     * completions become "autonomous-transfer-complete" and "autonomous-du-state-change-complete" events.
     */
    @Override
    public void cpeRequest(String deviceId, org.jcwmp.core.rpc.CwmpRequest request) {
        if (request instanceof org.jcwmp.core.rpc.AutonomousTransferComplete atc) {
            ObjectNode data = json.valueToTree(atc);
            bus.publish("autonomous-transfer-complete", deviceId, data);
        } else if (request instanceof org.jcwmp.core.rpc.AutonomousDUStateChangeComplete adc) {
            bus.publish("autonomous-du-state-change-complete", deviceId, json.valueToTree(adc));
        }
        if (request instanceof org.jcwmp.core.rpc.TransferComplete tc) {
            ObjectNode data = json.createObjectNode();
            data.put("commandKey", tc.commandKey());
            int code = tc.faultStruct() == null ? 0 : tc.faultStruct().faultCode();
            data.putObject("fault").put("code", code).put("string", code == 0 ? "" : tc.faultStruct().faultString());
            data.put("startTime", tc.startTime());
            data.put("completeTime", tc.completeTime());
            bus.publish("transfer-result", deviceId, data);
        }
    }

    @Override
    public void sessionEnded(String deviceId) {
        bus.publish("session", deviceId, json.createObjectNode().put("state", "ended"));
    }

    public void connectionRequest(String deviceId, ConnectionRequestOutcome o) {
        bus.publish("connection-request", deviceId, json.createObjectNode().put("mechanism", o.mechanism())
                .put("delivered", o.delivered()).put("detail", o.detail()).put("elapsedMillis", o.elapsed().toNanos() / 1e6));
    }

    /** action: opened, retried or cleared. */
    public void fault(StoredFault f, String action) {
        ObjectNode data = json.createObjectNode().put("id", f.id()).put("action", action).put("channel", f.channel());
        if (f.code() != null) {
            data.put("code", f.code());
        }
        data.put("message", f.message());
        bus.publish("fault", f.deviceId(), data);
    }

    public void provisioning(String deviceId, JsonNode data) {
        bus.publish("provisioning", deviceId, data);
    }

    private void values(String deviceId, String source, List<ParameterValueStruct> values) {
        ObjectNode data = json.createObjectNode().put("source", source);
        ObjectNode params = data.putObject("parameters");
        values.forEach(p -> params.put(p.name(), p.value()));
        bus.publish("values", deviceId, data);
    }

    /** Values a finished task read (GetParameterValues) or wrote (SetParameterValues). */
    private List<ParameterValueStruct> valuesOf(Task task, JsonNode request) {
        JsonNode source = switch (task.name()) {
            case "getParameterValues" -> {
                JsonNode result = read(task.result());
                yield result == null ? null : result.get("parameterList");
            }
            case "setParameterValues" -> request == null ? null : request.get("parameterValues");
            default -> null;
        };
        if (source == null || !source.isArray()) {
            return List.of();
        }
        java.util.ArrayList<ParameterValueStruct> out = new java.util.ArrayList<>();
        for (JsonNode v : source) {
            if (v.isArray() && v.size() >= 2) {
                out.add(new ParameterValueStruct(v.get(0).asText(), v.get(1).asText(), null));
            } else if (v.isObject() && v.has("name")) {
                out.add(new ParameterValueStruct(v.get("name").asText(), v.path("value").asText(), null));
            }
        }
        return out;
    }

    private JsonNode read(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
