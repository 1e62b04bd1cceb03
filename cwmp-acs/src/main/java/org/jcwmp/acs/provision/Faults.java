package org.jcwmp.acs.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.events.AcsEvents;
import org.jcwmp.acs.store.FaultStore;
import org.jcwmp.acs.store.StoredFault;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskService;
import org.jcwmp.acs.task.TaskStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Open faults: a task that failed opens one on channel "task:ID"; a preset's task that failed opens one per preset
 * on "preset:NAME", which stops that preset on the device until it is retried or cleared. Retry queues the task
 * again (its fault closes; a new failure opens a new one counting the retries), or lets the preset run again at the
 * next session (its fault stays, marked retrying, until the preset's task goes through or fails again); clear just
 * closes the fault.
 */
public final class Faults implements AcsListener {
    private final FaultStore store;
    private final TaskService tasks;
    private final AcsEvents events;
    private final ObjectMapper json;

    public Faults(FaultStore store, TaskService tasks, AcsEvents events, ObjectMapper json) {
        this.store = store;
        this.tasks = tasks;
        this.events = events;
        this.json = json;
    }

    @Override
    public void taskFinished(Task task) {
        JsonNode request = read(task.request());
        if (task.status() == TaskStatus.DONE) {
            // A preset's task went through: a fault it had (being retried) is over.
            if (request != null && request.path("presets").isArray()) {
                request.get("presets").forEach(p -> store.resolve(task.deviceId(), "preset:" + p.asText()));
            }
            return;
        }
        if (task.status() != TaskStatus.FAILED) {
            return;
        }
        List<String> channels = new ArrayList<>();
        if (request != null && request.path("presets").isArray() && !request.path("presets").isEmpty()) {
            request.get("presets").forEach(p -> channels.add("preset:" + p.asText()));
        } else {
            channels.add("task:" + task.id());
        }
        int earlier = request == null ? 0 : request.path("retries").asInt(0);
        for (String channel : channels) {
            StoredFault f = store.open(task.deviceId(), channel, task.id(), task.faultCode(), task.faultString(),
                    task.result(), earlier, Instant.now());
            if (events != null) {
                events.fault(f, earlier > 0 ? "opened again (retry " + earlier + ")" : "opened");
            }
        }
    }

    /**
     * Retries a fault: a task's is queued again (its JSON plus "retries"), a preset's fault is closed so that the
     * preset runs at the device's next session.
     *
     * @return the queued task, or empty for a preset's fault
     */
    public Optional<Task> retry(StoredFault f) {
        if (events != null) {
            events.fault(f, "retried");
        }
        if (f.channel().startsWith("preset:") || f.taskId() == null) {
            store.retrying(f.id());
            return Optional.empty();
        }
        store.delete(f.id());
        Task failed = tasks.find(f.taskId()).orElse(null);
        if (failed == null) {
            return Optional.empty();
        }
        ObjectNode request = (ObjectNode) read(failed.request());
        request.put("retries", f.retries() + 1);
        return Optional.of(tasks.queue(f.deviceId(), request));
    }

    public void clear(StoredFault f) {
        store.delete(f.id());
        if (events != null) {
            events.fault(f, "cleared");
        }
    }

    private JsonNode read(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
