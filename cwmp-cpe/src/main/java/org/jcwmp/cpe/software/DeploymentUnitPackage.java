package org.jcwmp.cpe.software;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.cpe.model.CpeFaultException;

/**
 * The agent's deployment-unit package: a JSON manifest (see docs/software-modules.md).
 *
 * <pre>
 * {"name": "speedtest", "vendor": "example.com", "version": "1.2", "description": "...",
 *  "executionUnits": [{"name": "speedtestd", "autoStart": true}]}
 * </pre>
 *
 * The sizes are those TR-181 gives the parameters the values end up in (Name 256, Vendor 128, Version 32,
 * Description 256; an execution unit's name also becomes its ExecEnvLabel, 64).
 *
 * @param executionUnits in the package's order; names unique
 */
public record DeploymentUnitPackage(String name, String vendor, String version, String description,
                                    List<ExecutionUnitSpec> executionUnits) {
    /** Larger files are not manifests. */
    public static final long MAX_SIZE = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One execution unit the package brings. */
    public record ExecutionUnitSpec(String name, boolean autoStart, String version, String description) {
    }

    public DeploymentUnitPackage {
        executionUnits = List.copyOf(executionUnits);
    }

    /**
     * Reads and checks a manifest.
     *
     * @throws CpeFaultException 9018 (file corrupted or otherwise unusable) naming what is wrong
     */
    public static DeploymentUnitPackage read(Path file) throws CpeFaultException {
        JsonNode doc;
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw unusable("larger than " + MAX_SIZE + " bytes");
            }
            doc = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw unusable("not JSON: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw unusable("not a JSON object");
        }
        String name = text(doc, "name", 1, 256);
        String vendor = text(doc, "vendor", 0, 128);
        String version = text(doc, "version", 1, 32);
        String description = text(doc, "description", 0, 256);
        JsonNode eus = doc.path("executionUnits");
        if (!eus.isMissingNode() && !eus.isArray()) {
            throw unusable("\"executionUnits\" is not an array");
        }
        List<ExecutionUnitSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode eu : eus) {
            if (!eu.isObject()) {
                throw unusable("an execution unit is not an object");
            }
            String euName = text(eu, "name", 1, 64);
            if (!names.add(euName)) {
                throw unusable("execution unit " + euName + " twice");
            }
            JsonNode auto = eu.path("autoStart");
            if (!auto.isMissingNode() && !auto.isBoolean()) {
                throw unusable("\"autoStart\" of " + euName + " is not true or false");
            }
            String euVersion = text(eu, "version", 0, 32);
            specs.add(new ExecutionUnitSpec(euName, auto.asBoolean(false), euVersion.isEmpty() ? version : euVersion,
                    text(eu, "description", 0, 256)));
        }
        return new DeploymentUnitPackage(name, vendor, version, description, specs);
    }

    private static String text(JsonNode doc, String field, int min, int max) throws CpeFaultException {
        JsonNode n = doc.path(field);
        if (n.isMissingNode() || n.isNull()) {
            if (min > 0) {
                throw unusable("\"" + field + "\" is missing");
            }
            return "";
        }
        if (!n.isTextual()) {
            throw unusable("\"" + field + "\" is not a string");
        }
        String s = n.asText();
        if (s.length() < min || s.length() > max) {
            throw unusable("\"" + field + "\" must have " + min + ".." + max + " characters");
        }
        return s;
    }

    private static CpeFaultException unusable(String why) {
        return new CpeFaultException(FaultCode.FILE_CORRUPTED, "deployment unit manifest: " + why);
    }
}
