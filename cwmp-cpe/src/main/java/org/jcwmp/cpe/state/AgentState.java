package org.jcwmp.cpe.state;

import java.util.List;
import java.util.Map;
import org.jcwmp.core.rpc.EventStruct;

/**
 * What the agent keeps across restarts.
 *
 * @param bootstrapDone an Inform with 0 BOOTSTRAP was answered; before that every start bootstraps
 * @param values        the stored parameter values by full name, passwords included
 * @param pendingEvents events not yet delivered by a successful Inform, oldest first
 */
public record AgentState(boolean bootstrapDone, Map<String, String> values, List<EventStruct> pendingEvents) {
    public AgentState {
        values = Map.copyOf(values);
        pendingEvents = List.copyOf(pendingEvents);
    }
}
