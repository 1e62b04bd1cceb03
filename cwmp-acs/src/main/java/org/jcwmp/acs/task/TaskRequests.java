package org.jcwmp.acs.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.jcwmp.core.rpc.AddObject;
import org.jcwmp.core.rpc.CancelTransfer;
import org.jcwmp.core.rpc.ChangeDUState;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.DuOperation;
import org.jcwmp.core.rpc.GetAllQueuedTransfers;
import org.jcwmp.core.rpc.GetParameterAttributes;
import org.jcwmp.core.rpc.InstallOpStruct;
import org.jcwmp.core.rpc.ScheduleDownload;
import org.jcwmp.core.rpc.SetParameterAttributes;
import org.jcwmp.core.rpc.SetParameterAttributesStruct;
import org.jcwmp.core.rpc.TimeWindowStruct;
import org.jcwmp.core.rpc.UninstallOpStruct;
import org.jcwmp.core.rpc.UpdateOpStruct;
import org.jcwmp.core.rpc.Upload;
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

    /** Like {@link #toRequest}, and also checked against the standard data models. */
    public static CwmpRequest toCheckedRequest(JsonNode task) {
        CwmpRequest request = toRequest(task);
        TaskValidator.check(request);
        return request;
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
            case "scheduleInform" -> new ScheduleInform(positive(task, "delaySeconds", true),
                    text(task, "commandKey", ""));
            case "getParameterAttributes" -> new GetParameterAttributes(names(task, "parameterNames"));
            case "setParameterAttributes" -> new SetParameterAttributes(attributes(task));
            case "download" -> new Download(text(task, "commandKey", ""), fileType(task), url(task),
                    text(task, "username", ""), text(task, "password", ""), positive(task, "fileSize", false),
                    text(task, "targetFileName", ""), positive(task, "delaySeconds", false),
                    text(task, "successUrl", ""), text(task, "failureUrl", ""));
            case "upload" -> new Upload(text(task, "commandKey", ""), fileType(task), url(task),
                    text(task, "username", ""), text(task, "password", ""), positive(task, "delaySeconds", false));
            case "scheduleDownload" -> new ScheduleDownload(text(task, "commandKey", ""), fileType(task), url(task),
                    text(task, "username", ""), text(task, "password", ""), positive(task, "fileSize", false),
                    text(task, "targetFileName", ""), timeWindows(task));
            case "cancelTransfer" -> new CancelTransfer(text(task, "commandKey", ""));
            case "getAllQueuedTransfers" -> new GetAllQueuedTransfers();
            case "changeDUState" -> new ChangeDUState(operations(task), text(task, "commandKey", ""));
            default -> throw new IllegalArgumentException("unknown task name \"" + name + "\"");
        };
    }

    private static List<SetParameterAttributesStruct> attributes(JsonNode task) {
        JsonNode array = task.get("parameterAttributes");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException(
                    "\"parameterAttributes\" must be a non-empty array of {name, notification, accessList}");
        }
        List<SetParameterAttributesStruct> out = new ArrayList<>();
        for (JsonNode a : array) {
            String name = a.path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a parameterAttributes entry needs a \"name\": " + a);
            }
            boolean notificationChange = a.has("notification");
            int notification = a.path("notification").asInt(0);
            if (notificationChange && (!a.get("notification").isInt() || notification < 0 || notification > 6)) {
                throw new IllegalArgumentException("\"notification\" must be 0 (off), 1 (passive) or 2 (active): " + a);
            }
            boolean accessListChange = a.has("accessList");
            List<String> accessList = new ArrayList<>();
            if (accessListChange) {
                if (!a.get("accessList").isArray()) {
                    throw new IllegalArgumentException("\"accessList\" must be an array like [\"Subscriber\"]: " + a);
                }
                a.get("accessList").forEach(e -> accessList.add(e.asText()));
            }
            if (!notificationChange && !accessListChange) {
                throw new IllegalArgumentException("a parameterAttributes entry changes nothing: " + a);
            }
            out.add(new SetParameterAttributesStruct(name, notificationChange, notification, accessListChange, accessList));
        }
        return out;
    }

    /** FileType as TR-069 spells it, e.g. "1 Firmware Upgrade Image"; vendor types start with "X ". */
    private static String fileType(JsonNode task) {
        String fileType = text(task, "fileType", "");
        if (!fileType.matches("[0-9]+ .+|X .+")) {
            throw new IllegalArgumentException("\"fileType\" must be like \"1 Firmware Upgrade Image\", not \""
                    + fileType + "\"");
        }
        return fileType;
    }

    private static String url(JsonNode task) {
        String url = text(task, "url", "");
        try {
            java.net.URI uri = new java.net.URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!List.of("http", "https", "ftp", "sftp", "file").contains(scheme) || uri.getHost() == null
                    && !scheme.equals("file")) {
                throw new IllegalArgumentException("\"url\" must be an absolute http(s) or ftp URL, not \"" + url + "\"");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("\"url\" is not a URL: " + e.getMessage());
        }
        return url;
    }

    private static List<TimeWindowStruct> timeWindows(JsonNode task) {
        JsonNode array = task.get("timeWindows");
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > 2) {
            throw new IllegalArgumentException("\"timeWindows\" must hold one or two windows "
                    + "{windowStart, windowEnd, windowMode, userMessage, maxRetries}");
        }
        List<TimeWindowStruct> out = new ArrayList<>();
        for (JsonNode w : array) {
            long start = positive(w, "windowStart", true);
            long end = positive(w, "windowEnd", true);
            if (end <= start) {
                throw new IllegalArgumentException("a time window must end after it starts: " + w);
            }
            String mode = text(w, "windowMode", "1 At Any Time");
            if (!List.of("1 At Any Time", "2 Immediately", "3 When Idle", "4 Confirmation Needed").contains(mode)) {
                throw new IllegalArgumentException("\"windowMode\" must be \"1 At Any Time\", \"2 Immediately\", "
                        + "\"3 When Idle\" or \"4 Confirmation Needed\": " + w);
            }
            out.add(new TimeWindowStruct(start, end, mode, text(w, "userMessage", ""), w.path("maxRetries").asInt(-1)));
        }
        return out;
    }

    /** Operations as {"type": "install"|"update"|"uninstall", ...the struct's fields}. */
    private static List<DuOperation> operations(JsonNode task) {
        JsonNode array = task.get("operations");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("\"operations\" must be a non-empty array of "
                    + "{\"type\": \"install\"|\"update\"|\"uninstall\", ...}");
        }
        List<DuOperation> out = new ArrayList<>();
        for (JsonNode op : array) {
            out.add(switch (op.path("type").asText("")) {
                case "install" -> new InstallOpStruct(url(op), text(op, "uuid", ""), text(op, "username", ""),
                        text(op, "password", ""), text(op, "executionEnvRef", ""));
                case "update" -> new UpdateOpStruct(text(op, "uuid", ""), text(op, "version", ""), text(op, "url", ""),
                        text(op, "username", ""), text(op, "password", ""));
                case "uninstall" -> new UninstallOpStruct(text(op, "uuid", ""), text(op, "version", ""),
                        text(op, "executionEnvRef", ""));
                default -> throw new IllegalArgumentException(
                        "an operation's \"type\" must be install, update or uninstall: " + op);
            });
        }
        return out;
    }

    private static long positive(JsonNode node, String field, boolean required) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new IllegalArgumentException("\"" + field + "\" is required");
            }
            return 0;
        }
        if (!n.canConvertToLong() || n.asLong() < 0 || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a whole number of at least 0, not " + n);
        }
        return n.asLong();
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
            if (type == null) {
                JsonNode given = value;
                type = TaskValidator.typeOf(name).orElseGet(() -> typeOf(given));
            }
            out.add(new ParameterValueStruct(name, value.asText(), type));
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
