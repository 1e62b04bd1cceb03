package org.jcwmp.cpe.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The Informs ScheduleInform asked for, each due at a time with its CommandKey. Kept across restarts (the state
 * file holds them) so a reboot does not lose one.
 */
public final class ScheduledInforms {
    /** One ScheduleInform not yet due. */
    public record ScheduledInform(Instant due, String commandKey) {
        public ScheduledInform {
            Objects.requireNonNull(due, "due");
            commandKey = commandKey == null ? "" : commandKey;
        }
    }

    private final List<ScheduledInform> pending = new ArrayList<>();
    private final Runnable onChange;

    /** @param onChange run after every change, outside the lock (persists, wakes the session loop) */
    public ScheduledInforms(Collection<ScheduledInform> restored, Runnable onChange) {
        pending.addAll(restored);
        this.onChange = onChange;
    }

    public void add(ScheduledInform inform) {
        synchronized (this) {
            pending.add(inform);
        }
        onChange.run();
    }

    /** The earliest due time, or null when none is scheduled. */
    public synchronized Instant nextDue() {
        return pending.stream().map(ScheduledInform::due).min(Comparator.naturalOrder()).orElse(null);
    }

    /** Removes and returns those due at {@code now}, earliest first; the caller queues their events. */
    public List<ScheduledInform> takeDue(Instant now) {
        List<ScheduledInform> due;
        synchronized (this) {
            due = pending.stream().filter(s -> !s.due().isAfter(now))
                    .sorted(Comparator.comparing(ScheduledInform::due)).toList();
            pending.removeAll(due);
        }
        if (!due.isEmpty()) {
            onChange.run();
        }
        return due;
    }

    public synchronized List<ScheduledInform> snapshot() {
        return List.copyOf(pending);
    }

    public void clear() {
        synchronized (this) {
            pending.clear();
        }
        onChange.run();
    }
}
