package org.jcwmp.cpe.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.cpe.model.ConfigurationChange;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.model.DataModel;

/**
 * The agent's own vendor configuration file: JSON that deletes instances, makes sure instances exist and sets
 * parameter values, applied to the {@link DataModel} all or nothing (see docs/transfers.md):
 *
 * <pre>{@code
 * {
 *   "deleteObjects": ["Device.NAT.PortMapping.2."],
 *   "addObjects":    ["Device.NAT.PortMapping.5."],
 *   "parameters":    {"Device.ManagementServer.PeriodicInformInterval": "600",
 *                     "Device.NAT.PortMapping.5.Enable": true}
 * }
 * }</pre>
 *
 * Each member is optional; values may be JSON strings, numbers or booleans. The same format is what an Upload of
 * "1 Vendor Configuration File" sends ({@link #write}), so an uploaded file can be downloaded back.
 */
public final class JsonConfigurationFile implements ConfigurationFileHandler {
    private static final Set<String> MEMBERS = Set.of("deleteObjects", "addObjects", "parameters");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DataModel model;

    public JsonConfigurationFile(DataModel model) {
        this.model = model;
    }

    @Override
    public void apply(Path file, String fileName) throws CpeFaultException {
        ConfigurationChange change = read(file);
        try {
            model.applyConfiguration(change);
        } catch (CpeFaultException e) {
            throw new CpeFaultException(FaultCode.FILE_CORRUPTED, fileName + ": " + e.fault().faultString());
        }
    }

    /** The model's writable configuration in this format. */
    public static byte[] write(DataModel model) {
        ConfigurationChange c = model.writableConfiguration();
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode add = root.putArray("addObjects");
        c.addObjects().forEach(add::add);
        ObjectNode values = root.putObject("parameters");
        c.parameters().forEach(values::put);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a file in this format.
     *
     * @throws CpeFaultException 9018 naming what is wrong: not JSON, an unknown member, a value of the wrong JSON type
     */
    public static ConfigurationChange read(Path file) throws CpeFaultException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw corrupted("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw corrupted("cannot read the file: " + e);
        }
        if (root == null || !root.isObject()) {
            throw corrupted("not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw corrupted("unknown member \"" + name + "\" (expected " + MEMBERS + ")");
            }
        }
        List<String> delete = paths(root, "deleteObjects");
        List<String> add = paths(root, "addObjects");
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode params = root.get("parameters");
        if (params != null) {
            if (!params.isObject()) {
                throw corrupted("\"parameters\" must be an object of name: value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
                    throw corrupted(e.getKey() + ": the value must be a string, number or boolean, not " + v.getNodeType());
                }
                values.put(e.getKey(), v.asText());
            }
        }
        return new ConfigurationChange(delete, add, values);
    }

    private static List<String> paths(JsonNode root, String member) throws CpeFaultException {
        JsonNode list = root.get(member);
        List<String> paths = new ArrayList<>();
        if (list == null) {
            return paths;
        }
        if (!list.isArray()) {
            throw corrupted("\"" + member + "\" must be an array of object paths");
        }
        for (JsonNode p : list) {
            if (!p.isTextual() || !p.asText().endsWith(".")) {
                throw corrupted("\"" + member + "\": " + p + " is not an object path ending with '.'");
            }
            paths.add(p.asText());
        }
        return paths;
    }

    private static CpeFaultException corrupted(String why) {
        return new CpeFaultException(FaultCode.FILE_CORRUPTED, why);
    }
}
