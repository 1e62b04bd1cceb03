package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcwmp.acs.auth.ApiToken;
import org.jcwmp.acs.auth.User;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.events.LiveEvent;
import org.jcwmp.acs.store.AuditEntry;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.StoredFault;
import org.jcwmp.acs.store.StoredParameter;
import org.jcwmp.acs.task.Task;

import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/** The NBI's JSON shapes, in one place (they are documented in openapi.yaml). */
final class NbiJson {
    static final List<String> SOFTWARE_VERSION = List.of("Device.DeviceInfo.SoftwareVersion",
            "InternetGatewayDevice.DeviceInfo.SoftwareVersion");

    private final ObjectMapper json;

    NbiJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper mapper() {
        return json;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    ObjectNode device(Device d, boolean inSession, Collection<String> tags, String softwareVersion) {
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
        n.put("inSession", inSession);
        n.put("softwareVersion", softwareVersion);
        var t = n.putArray("tags");
        tags.forEach(t::add);
        return n;
    }

    ObjectNode parameter(StoredParameter p) {
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

    ObjectNode task(Task t) {
        ObjectNode n = json.createObjectNode();
        n.put("id", t.id());
        n.put("device", t.deviceId());
        n.put("name", t.name());
        n.put("status", t.status().name().toLowerCase());
        if (t.subState() != null) {
            n.put("subState", t.subState());
        }
        if (t.commandKey() != null) {
            n.put("commandKey", t.commandKey());
        }
        n.set("request", read(t.request()));
        if (t.result() != null && t.faultCode() == null) {
            n.set("result", read(t.result()));
        }
        if (t.faultCode() != null) {
            n.putObject("fault").put("code", t.faultCode()).put("string", t.faultString()).set("detail", read(t.result()));
        }
        n.set("created", json.valueToTree(t.created()));
        n.set("updated", json.valueToTree(t.updated()));
        return n;
    }

    ObjectNode outcome(ConnectionRequestOutcome o) {
        ObjectNode n = json.createObjectNode();
        n.put("mechanism", o.mechanism());
        n.put("delivered", o.delivered());
        n.put("detail", o.detail());
        n.put("elapsedMillis", o.elapsed().toNanos() / 1e6);
        if (o.informAfter() != null) {
            n.put("informAfterMillis", o.informAfter().toNanos() / 1e6);
        }
        return n;
    }

    ObjectNode fault(StoredFault f) {
        ObjectNode n = json.createObjectNode();
        n.put("id", f.id());
        n.put("device", f.deviceId());
        n.put("channel", f.channel());
        if (f.taskId() != null) {
            n.put("task", f.taskId());
        }
        if (f.code() != null) {
            n.put("code", f.code());
        }
        n.put("message", f.message());
        n.set("detail", read(f.detail()));
        n.put("retries", f.retries());
        n.put("state", f.state());
        n.set("created", json.valueToTree(f.created()));
        return n;
    }

    ObjectNode user(User u) {
        return json.createObjectNode().put("username", u.username()).put("role", u.role().jsonName())
                .set("created", json.valueToTree(u.created()));
    }

    ObjectNode token(ApiToken t) {
        ObjectNode n = json.createObjectNode().put("id", t.id()).put("username", t.username()).put("label", t.label());
        n.put("role", t.role() == null ? null : t.role().jsonName());
        n.set("created", json.valueToTree(t.created()));
        n.set("lastUsed", json.valueToTree(t.lastUsed()));
        return n;
    }

    ObjectNode audit(AuditEntry a) {
        ObjectNode n = json.createObjectNode().put("id", a.id());
        n.set("at", json.valueToTree(a.at()));
        n.put("username", a.username()).put("method", a.method()).put("path", a.path()).put("status", a.status());
        n.set("detail", a.detail() == null ? null : readLenient(a.detail()));
        return n;
    }

    ObjectNode event(LiveEvent e) {
        ObjectNode n = json.createObjectNode().put("seq", e.seq()).put("type", e.type()).put("device", e.device());
        n.set("at", json.valueToTree(e.at()));
        n.set("data", e.data());
        return n;
    }

    String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode read(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readLenient(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
