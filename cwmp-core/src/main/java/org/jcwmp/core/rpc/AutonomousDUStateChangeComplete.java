package org.jcwmp.core.rpc;

import java.util.List;

/** Reports DU changes the ACS did not ask for. */
public record AutonomousDUStateChangeComplete(List<AutonOpResultStruct> results) implements CwmpRequest {
    public AutonomousDUStateChangeComplete {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
