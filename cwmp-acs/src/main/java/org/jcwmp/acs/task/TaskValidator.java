package org.jcwmp.acs.task;

import org.jcwmp.core.datamodel.ObjectSchema;
import org.jcwmp.core.datamodel.ParameterSchema;
import org.jcwmp.core.datamodel.Schema;
import org.jcwmp.core.rpc.AddObject;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.DeleteObject;
import org.jcwmp.core.rpc.GetParameterAttributes;
import org.jcwmp.core.rpc.GetParameterNames;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterAttributes;
import org.jcwmp.core.rpc.SetParameterAttributesStruct;
import org.jcwmp.core.rpc.SetParameterValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a task against the Broadband Forum data models before it is queued, so that a typo becomes an HTTP 400
 * now instead of a CPE fault later. Paths outside the standard models, and vendor extensions (a segment starting
 * with "X_"), are left for the CPE to judge.
 */
final class TaskValidator {
    private TaskValidator() {
    }

    /** @throws IllegalArgumentException listing every problem found */
    static void check(CwmpRequest request) {
        List<String> problems = new ArrayList<>();
        switch (request) {
            case GetParameterValues r -> r.parameterNames().forEach(n -> known(n, problems));
            case GetParameterAttributes r -> r.parameterNames().forEach(n -> known(n, problems));
            case GetParameterNames r -> {
                if (!r.parameterPath().isEmpty()) {
                    known(r.parameterPath(), problems);
                }
            }
            case SetParameterValues r -> r.parameterList().forEach(p -> settable(p, problems));
            case SetParameterAttributes r -> r.parameterList().stream().map(SetParameterAttributesStruct::name)
                    .forEach(n -> known(n, problems));
            case AddObject r -> table(r.objectName(), false, problems);
            case DeleteObject r -> table(r.objectName(), true, problems);
            default -> {
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The schema's xsd type of a parameter, when a standard model defines it. */
    static Optional<String> typeOf(String name) {
        return schema(name).flatMap(s -> s.parameter(name)).map(ParameterSchema::xsdType);
    }

    private static void known(String path, List<String> problems) {
        Optional<Schema> schema = schema(path);
        if (schema.isEmpty()) {
            return;
        }
        boolean exists = path.endsWith(".") ? schema.get().object(path).isPresent() : schema.get().parameter(path).isPresent();
        if (!exists) {
            problems.add(path + " is not in " + schema.get().modelName());
        }
    }

    private static void settable(ParameterValueStruct p, List<String> problems) {
        Optional<Schema> schema = schema(p.name());
        if (schema.isEmpty()) {
            return;
        }
        Optional<ParameterSchema> ps = schema.get().parameter(p.name());
        if (ps.isEmpty()) {
            problems.add(p.name() + " is not a parameter of " + schema.get().modelName());
        } else if (!ps.get().writable()) {
            problems.add(p.name() + " is not writable");
        } else if (p.type() != null && !p.type().equals(ps.get().xsdType())) {
            problems.add(p.name() + " is " + ps.get().xsdType() + ", not " + p.type());
        } else {
            ps.get().checkSetValue(p.value()).ifPresent(why -> problems.add(p.name() + ": " + why));
        }
    }

    private static void table(String path, boolean instance, List<String> problems) {
        Optional<Schema> schema = schema(path);
        if (schema.isEmpty()) {
            return;
        }
        Optional<ObjectSchema> object = schema.get().object(path);
        if (object.isEmpty() || !object.get().multiInstance()) {
            problems.add(path + " is not a table of " + schema.get().modelName());
        } else if (!object.get().writable()) {
            problems.add("the ACS may not " + (instance ? "delete instances of " : "add instances to ") + path);
        } else if (instance != path.matches(".*\\.[0-9]+\\.$")) {
            problems.add(instance ? path + " must name an instance, e.g. " + path.replaceAll("\\.$", "") + ".1."
                    : path + " must name the table, not an instance");
        }
    }

    private static Optional<Schema> schema(String path) {
        if (path.contains(".X_") || !(path.startsWith("Device.") || path.startsWith("InternetGatewayDevice."))) {
            return Optional.empty();
        }
        return Optional.of(Schema.forPath(path));
    }
}
