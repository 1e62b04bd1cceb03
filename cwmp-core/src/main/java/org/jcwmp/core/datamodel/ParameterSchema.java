package org.jcwmp.core.datamodel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a data model says about one parameter. Paths use "{i}" for instance numbers, e.g.
 * "Device.IP.Interface.{i}.Enable".
 *
 * @param path                 full name in schema form
 * @param type                 the base type (a named data type such as IPv4Address is resolved to its base)
 * @param writable             readWrite (or writeOnceReadOnly) for the ACS
 * @param writeOnce            writeOnceReadOnly in the XML; CWMP has no such access, so it is writable (kept for the
 *                             record)
 * @param forcedInform         carried in every Inform
 * @param activeNotify         what the Notification attribute may be set to
 * @param hidden               read as an empty string (hidden or secured in the XML: passwords, keys)
 * @param command              a command parameter: writing it triggers an action, reading gives its default
 * @param list                 the list syntax when the value is a comma-separated list, else null
 * @param ranges               allowed numeric ranges, any of them (empty: the type's whole range)
 * @param sizes                allowed lengths, any of them (empty: any length)
 * @param enumerations         allowed values in the standard's order (empty: any)
 * @param readOnlyEnumerations values among the enumerations only the CPE may set (e.g. DiagnosticsState Complete)
 * @param patterns             regular expressions of which a value must match one (empty: any)
 * @param defaultValue         the standard's default (object creation or factory), or null
 * @param status               current, deprecated or obsoleted
 */
public record ParameterSchema(String path, ParameterType type, boolean writable, boolean writeOnce, boolean forcedInform,
                              ActiveNotify activeNotify, boolean hidden, boolean command, ListSyntax list,
                              List<ValueRange> ranges, List<Size> sizes, List<String> enumerations,
                              Set<String> readOnlyEnumerations, List<String> patterns, String defaultValue,
                              Status status) {
    /** Compiled patterns, shared: the same few dozen appear on many parameters. */
    private static final ConcurrentHashMap<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    public ParameterSchema {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(activeNotify, "activeNotify");
        Objects.requireNonNull(status, "status");
        if (path.isEmpty() || path.endsWith(".")) {
            throw new IllegalArgumentException("not a parameter path: " + path);
        }
        ranges = List.copyOf(ranges);
        sizes = List.copyOf(sizes);
        enumerations = List.copyOf(enumerations);
        readOnlyEnumerations = Set.copyOf(readOnlyEnumerations);
        patterns = List.copyOf(patterns);
    }

    /** The last path segment, e.g. "Enable". */
    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The object the parameter belongs to, e.g. "Device.IP.Interface.{i}.". */
    public String objectPath() {
        return path.substring(0, path.lastIndexOf('.') + 1);
    }

    /** As written in xsi:type, e.g. "xsd:unsignedInt"; a list is a string on the wire. */
    public String xsdType() {
        return list != null ? ParameterType.STRING.xsdType() : type.xsdType();
    }

    /** The type values travel as: string for lists, else {@link #type()}. */
    public ParameterType wireType() {
        return list != null ? ParameterType.STRING : type;
    }

    public boolean isList() {
        return list != null;
    }

    /** The longest value (of one item, for a list) allowed by the sizes, 0 when unlimited. */
    public long maxLength() {
        long max = 0;
        for (Size s : sizes) {
            if (s.maxLength() == Size.UNBOUNDED) {
                return 0;
            }
            max = Math.max(max, s.maxLength());
        }
        return max;
    }

    /**
     * Checks a value against the type and facets.
     *
     * @return empty when the value is valid, else why not (for fault 9007)
     */
    public Optional<String> checkValue(String value) {
        try {
            canonical(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Like {@link #checkValue} but also refuses the enumeration values only the CPE may set (TR-106 enumeration
     * access readOnly, e.g. DiagnosticsState "Complete"): the check for SetParameterValues.
     */
    public Optional<String> checkSetValue(String value) {
        Optional<String> problem = checkValue(value);
        if (problem.isPresent() || readOnlyEnumerations.isEmpty()) {
            return problem;
        }
        for (String item : items(value)) {
            if (readOnlyEnumerations.contains(item.strip())) {
                return Optional.of(path + ": \"" + item.strip() + "\" is set by the CPE only");
            }
        }
        return Optional.empty();
    }

    /**
     * The canonical form of a valid value (booleans as true/false, numbers without blanks or leading zeros).
     *
     * @throws IllegalArgumentException with the reason when the value is not valid
     */
    public String canonical(String value) {
        if (value == null) {
            throw new IllegalArgumentException(path + ": no value");
        }
        if (list == null) {
            return canonicalItem(value);
        }
        if (list.length() != null && !list.length().contains(value.length())) {
            throw new IllegalArgumentException(path + ": list length " + value.length() + " not in " + list.length());
        }
        List<String> items = items(value);
        if (!list.items().contains(items.size())) {
            throw new IllegalArgumentException(path + ": " + items.size() + " items, allowed " + list.items());
        }
        if (list.nested()) {
            return value;
        }
        List<String> canonical = new ArrayList<>(items.size());
        for (String item : items) {
            canonical.add(canonicalItem(item.strip()));
        }
        return String.join(",", canonical);
    }

    private static List<String> items(String value) {
        return value.isEmpty() ? List.of() : List.of(value.split(",", -1));
    }

    private String canonicalItem(String value) {
        String v;
        try {
            v = type.canonical(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage());
        }
        if (!ranges.isEmpty() && type.isNumeric()) {
            BigDecimal n = new BigDecimal(v);
            if (ranges.stream().noneMatch(r -> r.contains(n))) {
                throw new IllegalArgumentException(path + ": " + v + " not in " + ranges);
            }
        }
        if (!sizes.isEmpty()) {
            long length = type.octets(v);
            if (sizes.stream().noneMatch(s -> s.contains(length))) {
                throw new IllegalArgumentException(path + ": length " + length + " not in " + sizes);
            }
        }
        if (!enumerations.isEmpty() && !enumerations.contains(v)) {
            throw new IllegalArgumentException(path + ": \"" + v + "\" is not one of " + enumerations);
        }
        if (!patterns.isEmpty()
                && patterns.stream().noneMatch(p -> COMPILED.computeIfAbsent(p, Pattern::compile).matcher(v).matches())) {
            throw new IllegalArgumentException(path + ": \"" + v + "\" does not match " + patterns);
        }
        return v;
    }
}
