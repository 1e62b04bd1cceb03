package org.jcwmp.core.datamodel;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A standard data model (TR-181 Device:2 or TR-098 InternetGatewayDevice:1) as the project's schema resources hold
 * it: every object and parameter with type, facets, access and notification rules. Immutable and shared.
 *
 * <pre>{@code
 * Schema schema = Schema.forPath("Device.IP.Interface.3.Enable");
 * schema.parameter("Device.IP.Interface.3.Enable").orElseThrow().checkValue("yes"); // a message: not a boolean
 * }</pre>
 *
 * <p>Lookups accept instance paths ("Device.IP.Interface.3.") as well as schema paths ("Device.IP.Interface.{i}.");
 * an instance number or an alias ("[wan]") in any segment stands for "{i}".
 */
public final class Schema {
    /** TR-181 issue 2 amendment 17, root "Device.". */
    public static final String TR_181 = "tr-181-2-17";
    /** TR-098 amendment 8 (InternetGatewayDevice:1.14), root "InternetGatewayDevice.". */
    public static final String TR_098 = "tr-098-1-8";

    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final String modelName;
    private final String rootObject;
    private final Map<String, ObjectSchema> objects = new LinkedHashMap<>();
    private final Map<String, ParameterSchema> parameters = new HashMap<>();
    private final Map<String, List<ParameterSchema>> parametersByObject = new HashMap<>();
    private final Map<String, List<ObjectSchema>> childObjects = new HashMap<>();

    Schema(String name, String modelName, String rootObject, List<ObjectSchema> objectList,
           List<ParameterSchema> parameterList) {
        this.name = name;
        this.modelName = modelName;
        this.rootObject = rootObject;
        for (ObjectSchema o : objectList) {
            if (objects.put(o.path(), o) != null) {
                throw new IllegalArgumentException("object twice: " + o.path());
            }
            parametersByObject.put(o.path(), new ArrayList<>());
            childObjects.put(o.path(), new ArrayList<>());
            if (!o.path().equals(rootObject)) {
                List<ObjectSchema> siblings = childObjects.get(o.parentPath());
                if (siblings == null) {
                    throw new IllegalArgumentException("object before its parent: " + o.path());
                }
                siblings.add(o);
            }
        }
        for (ParameterSchema p : parameterList) {
            List<ParameterSchema> list = parametersByObject.get(p.objectPath());
            if (list == null) {
                throw new IllegalArgumentException("parameter without object: " + p.path());
            }
            if (parameters.put(p.path(), p) != null) {
                throw new IllegalArgumentException("parameter twice: " + p.path());
            }
            list.add(p);
        }
        parametersByObject.replaceAll((k, v) -> List.copyOf(v));
        childObjects.replaceAll((k, v) -> List.copyOf(v));
    }

    /**
     * A schema shipped with jcwmp, read once and cached.
     *
     * @param name {@link #TR_181} ("tr-181-2-17") or {@link #TR_098} ("tr-098-1-8")
     * @throws IllegalArgumentException for an unknown name
     */
    public static Schema load(String name) {
        return LOADED.computeIfAbsent(name, Schema::read);
    }

    /**
     * The schema of the model a path is in, by its root: "Device." is TR-181, "InternetGatewayDevice." TR-098.
     *
     * @throws IllegalArgumentException for any other root
     */
    public static Schema forPath(String anyPath) {
        if (anyPath != null && anyPath.startsWith("Device.")) {
            return load(TR_181);
        }
        if (anyPath != null && anyPath.startsWith("InternetGatewayDevice.")) {
            return load(TR_098);
        }
        throw new IllegalArgumentException("no standard data model has the root of " + anyPath);
    }

    /** The names {@link #load} accepts. */
    public static List<String> names() {
        return List.of(TR_181, TR_098);
    }

    private static Schema read(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("unknown schema " + name + "; known: " + names());
        }
        String resource = "/datamodel/" + name + ".schema";
        InputStream in = Schema.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("schema resource missing: " + resource);
        }
        // Hand-written vendor extensions (X_JCWMP_ objects, no magic line) follow the generated standard one.
        InputStream extensions = Schema.class.getResourceAsStream("/datamodel/" + name + ".x_jcwmp.schema");
        if (extensions != null) {
            in = new java.io.SequenceInputStream(in, extensions);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024)) {
            return SchemaFormat.read(name, reader);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** E.g. "tr-181-2-17". */
    public String name() {
        return name;
    }

    /** As the standard names it, e.g. "Device:2.17". */
    public String modelName() {
        return modelName;
    }

    /** "Device." or "InternetGatewayDevice.". */
    public String rootObject() {
        return rootObject;
    }

    /**
     * An object by instance or schema path. A table's path without an instance ("Device.IP.Interface.") resolves to
     * its multi-instance object, so AddObject's ObjectName can be looked up as it comes.
     */
    public Optional<ObjectSchema> object(String path) {
        if (path == null || !path.endsWith(".")) {
            return Optional.empty();
        }
        String p = schemaPath(path);
        ObjectSchema o = objects.get(p);
        if (o == null) {
            o = objects.get(p + "{i}.");
        }
        return Optional.ofNullable(o);
    }

    /** A parameter by instance or schema path, e.g. "Device.IP.Interface.3.Enable". */
    public Optional<ParameterSchema> parameter(String path) {
        if (path == null || path.endsWith(".")) {
            return Optional.empty();
        }
        return Optional.ofNullable(parameters.get(schemaPath(path)));
    }

    /** Every object, parents before children, in the standard's order. */
    public Collection<ObjectSchema> objects() {
        return Collections.unmodifiableCollection(objects.values());
    }

    /** The parameters of one object (schema or instance path), in the standard's order; empty when unknown. */
    public List<ParameterSchema> parametersOf(String objectPath) {
        return object(objectPath).map(o -> parametersByObject.get(o.path())).orElse(List.of());
    }

    /** The objects directly inside one object (schema or instance path), in the standard's order. */
    public List<ObjectSchema> childObjectsOf(String objectPath) {
        return object(objectPath).map(o -> childObjects.get(o.path())).orElse(List.of());
    }

    public int parameterCount() {
        return parameters.size();
    }

    /**
     * The schema form of an instance path: every segment that is an instance number or an alias in brackets
     * becomes "{i}", e.g. "Device.IP.Interface.3.Enable" gives "Device.IP.Interface.{i}.Enable".
     */
    public static String schemaPath(String path) {
        StringBuilder out = null;
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '.') {
                if (i > start && isInstance(path, start, i)) {
                    if (out == null) {
                        out = new StringBuilder(path.length() + 8).append(path, 0, start);
                    }
                    out.append("{i}");
                } else if (out != null) {
                    out.append(path, start, i);
                }
                if (out != null && i < path.length()) {
                    out.append('.');
                }
                start = i + 1;
            }
        }
        return out == null ? path : out.toString();
    }

    private static boolean isInstance(String path, int from, int to) {
        if (path.charAt(from) == '[') {
            return path.charAt(to - 1) == ']';
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(path.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Schema[" + name + ", " + modelName + ", " + objects.size() + " objects, " + parameters.size()
                + " parameters]";
    }
}
