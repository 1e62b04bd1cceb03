package org.jcwmp.core.rpc;

import java.util.List;

/** Installs, updates or uninstalls deployment units. */
public record ChangeDUState(List<DuOperation> operations, String commandKey) implements CwmpRequest {
    public ChangeDUState {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }
}
