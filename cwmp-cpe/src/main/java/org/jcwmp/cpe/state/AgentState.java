package org.jcwmp.cpe.state;

import java.util.List;
import java.util.Objects;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.cpe.model.ModelState;
import org.jcwmp.cpe.session.ScheduledInforms.ScheduledInform;

/**
 * What the agent keeps across restarts and reboots.
 *
 * @param profile          the device profile the state belongs to (null in states written before profiles)
 * @param bootstrapDone    an Inform with 0 BOOTSTRAP was answered; before that every start bootstraps
 * @param model            instances, values (passwords included) and attributes
 * @param pendingEvents    events not yet delivered by a successful Inform, oldest first
 * @param pendingChanges   parameters with notification on that changed and were not yet reported
 * @param scheduledInforms ScheduleInform requests not yet due
 */
public record AgentState(String profile, boolean bootstrapDone, ModelState model, List<EventStruct> pendingEvents,
                         List<String> pendingChanges, List<ScheduledInform> scheduledInforms) {
    public AgentState {
        Objects.requireNonNull(model, "model");
        pendingEvents = List.copyOf(pendingEvents);
        pendingChanges = pendingChanges == null ? List.of() : List.copyOf(pendingChanges);
        scheduledInforms = scheduledInforms == null ? List.of() : List.copyOf(scheduledInforms);
    }
}
