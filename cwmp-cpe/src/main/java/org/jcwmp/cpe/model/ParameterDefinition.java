package org.jcwmp.cpe.model;

import java.util.Objects;

/**
 * What the data model says about one parameter: its path, type, access and facets. Immutable, so one definition
 * can later be shared by every simulated CPE.
 *
 * @param path         full name, e.g. "Device.DeviceInfo.UpTime"
 * @param writable     readWrite for the ACS
 * @param forcedInform carried in every Inform's ParameterList
 * @param hidden       read as an empty string by the ACS (passwords)
 * @param min          smallest allowed numeric value (inclusive)
 * @param max          largest allowed numeric value (inclusive)
 * @param maxLength    longest allowed string, 0 for no limit
 */
public record ParameterDefinition(String path, ParameterType type, boolean writable, boolean forcedInform,
                                  boolean hidden, long min, long max, int maxLength) {

    public ParameterDefinition {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if (path.isEmpty() || path.endsWith(".") || path.startsWith(".") || path.contains("..")) {
            throw new IllegalArgumentException("not a parameter path: " + path);
        }
    }

    public static ParameterDefinition readOnly(String path, ParameterType type) {
        return new ParameterDefinition(path, type, false, false, false, Long.MIN_VALUE, Long.MAX_VALUE, 0);
    }

    public static ParameterDefinition writable(String path, ParameterType type) {
        return new ParameterDefinition(path, type, true, false, false, Long.MIN_VALUE, Long.MAX_VALUE, 0);
    }

    public ParameterDefinition withForcedInform() {
        return new ParameterDefinition(path, type, writable, true, hidden, min, max, maxLength);
    }

    public ParameterDefinition withHidden() {
        return new ParameterDefinition(path, type, writable, forcedInform, true, min, max, maxLength);
    }

    public ParameterDefinition withRange(long minInclusive, long maxInclusive) {
        return new ParameterDefinition(path, type, writable, forcedInform, hidden, minInclusive, maxInclusive, maxLength);
    }

    public ParameterDefinition withMaxLength(int length) {
        return new ParameterDefinition(path, type, writable, forcedInform, hidden, min, max, length);
    }

    /** The last path segment, e.g. "UpTime". */
    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /**
     * The canonical form of a value for this parameter.
     *
     * @throws IllegalArgumentException when the value does not fit the type or the facets
     */
    public String check(String value) {
        String v = type.canonical(value);
        if (type == ParameterType.UNSIGNED_INT || type == ParameterType.INT) {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(path + " must be in [" + min + ", " + max + "]: " + value);
            }
        }
        if (maxLength > 0 && v.length() > maxLength) {
            throw new IllegalArgumentException(path + " is longer than " + maxLength);
        }
        return v;
    }
}
