package org.jcwmp.acs.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.jcwmp.core.rpc.AddObject;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.DeleteObject;
import org.jcwmp.core.rpc.FactoryReset;
import org.jcwmp.core.rpc.GetParameterNames;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetRPCMethods;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.Reboot;
import org.jcwmp.core.rpc.ScheduleInform;
import org.jcwmp.core.rpc.SetParameterValues;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an NBI task (JSON: a name and its arguments) into the CWMP request sent to the CPE.
 * Names and arguments follow the RPCs (getParameterValues with parameterNames, setParameterValues with
 * parameterValues as [name, value, type] triples or {name, value, type} objects, ...), as GenieACS spells them.
 */
public final class TaskRequests {
    private TaskRequests() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the task */
    public static CwmpRequest toRequest(JsonNode task) {
        String name = text(task, "name", null);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a task needs a \"name\", e.g. \"getParameterValues\"");
        }
        return switch (name) {
            case "getParameterValues" -> new GetParameterValues(names(task, "parameterNames"));
            case "setParameterValues" -> new SetParameterValues(values(task), text(task, "parameterKey", ""));
            case "getParameterNames" -> new GetParameterNames(text(task, "parameterPath", ""),
                    task.path("nextLevel").asBoolean(false));
            case "addObject" -> new AddObject(objectName(task), text(task, "parameterKey", ""));
            case "deleteObject" -> new DeleteObject(objectName(task), text(task, "parameterKey", ""));
            case "reboot" -> new Reboot(text(task, "commandKey", ""));
            case "factoryReset" -> new FactoryReset();
            case "getRPCMethods" -> new GetRPCMethods();
            case "scheduleInform" -> new ScheduleInform(task.path("delaySeconds").asLong(0),
                    text(task, "commandKey", ""));
            default -> throw new IllegalArgumentException("unknown task name \"" + name + "\"");
        };
    }

    private static String objectName(JsonNode task) {
        String objectName = text(task, "objectName", "");
        if (!objectName.endsWith(".")) {
            throw new IllegalArgumentException("\"objectName\" must be an object path ending with a dot");
        }
        return objectName;
    }

    private static List<String> names(JsonNode task, String field) {
        JsonNode array = task.get(field);
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a non-empty array of parameter names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (!n.isTextual() || n.asText().isEmpty()) {
                throw new IllegalArgumentException("\"" + field + "\" holds a value that is not a parameter name: " + n);
            }
            out.add(n.asText());
        }
        return out;
    }

    private static List<ParameterValueStruct> values(JsonNode task) {
        JsonNode array = task.get("parameterValues");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("\"parameterValues\" must be a non-empty array of [name, value, type]");
        }
        List<ParameterValueStruct> out = new ArrayList<>();
        for (JsonNode v : array) {
            String name;
            JsonNode value;
            String type;
            if (v.isArray() && v.size() >= 2) {
                name = v.get(0).asText();
                value = v.get(1);
                type = v.size() > 2 ? v.get(2).asText() : null;
            } else if (v.isObject() && v.has("name") && v.has("value")) {
                name = v.get("name").asText();
                value = v.get("value");
                type = v.hasNonNull("type") ? v.get("type").asText() : null;
            } else {
                throw new IllegalArgumentException("a parameterValues entry must be [name, value, type]: " + v);
            }
            if (name.isEmpty() || name.endsWith(".")) {
                throw new IllegalArgumentException("not a parameter name: \"" + name + "\"");
            }
            out.add(new ParameterValueStruct(name, value.asText(), type == null ? typeOf(value) : type));
        }
        return out;
    }

    /** A JSON boolean or number without an explicit type is sent with the matching xsd type. */
    private static String typeOf(JsonNode value) {
        if (value.isBoolean()) {
            return "xsd:boolean";
        }
        if (value.isIntegralNumber()) {
            return value.asLong() >= 0 ? "xsd:unsignedInt" : "xsd:int";
        }
        return "xsd:string";
    }

    private static String text(JsonNode task, String field, String fallback) {
        JsonNode n = task.get(field);
        return n == null || n.isNull() ? fallback : n.asText();
    }
}
