package org.jcwmp.core.rpc;

import java.util.List;

/** Reports the end of a ChangeDUState. */
public record DUStateChangeComplete(List<OpResultStruct> results, String commandKey) implements CwmpRequest {
    public DUStateChangeComplete {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
