package org.jcwmp.core.datamodel;

import java.util.Objects;

/**
 * What a data model says about one object. Paths end with a dot and use "{i}" for instance numbers; a
 * multi-instance object's path ends with ".{i}.".
 *
 * @param path                 e.g. "Device.IP.Interface.{i}."
 * @param multiInstance        a table whose instances AddObject and DeleteObject may create and delete
 * @param writable             access readWrite: the ACS may add and delete instances
 * @param minEntries           fewest instances (0 or 1 for single objects: 0 means optional)
 * @param maxEntries           most instances, {@link #UNBOUNDED} for no limit
 * @param numEntriesParameter  the parameter counting the instances, e.g. "Device.IP.InterfaceNumberOfEntries", or null
 * @param status               current, deprecated or obsoleted
 */
public record ObjectSchema(String path, boolean multiInstance, boolean writable, long minEntries, long maxEntries,
                           String numEntriesParameter, Status status) {
    public static final long UNBOUNDED = Long.MAX_VALUE;

    public ObjectSchema {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        if (!path.endsWith(".")) {
            throw new IllegalArgumentException("not an object path: " + path);
        }
    }

    /** The path without the trailing "{i}." of a table, e.g. "Device.IP.Interface."; the path itself otherwise. */
    public String tablePath() {
        return multiInstance ? path.substring(0, path.length() - "{i}.".length()) : path;
    }

    /** The object this one is in, e.g. "Device.IP." for "Device.IP.Interface.{i}.", or "" for the root. */
    public String parentPath() {
        String table = tablePath();
        int dot = table.lastIndexOf('.', table.length() - 2);
        return dot < 0 ? "" : table.substring(0, dot + 1);
    }
}
