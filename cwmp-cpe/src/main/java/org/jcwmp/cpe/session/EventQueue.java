package org.jcwmp.cpe.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jcwmp.core.rpc.EventStruct;

/**
 * The events waiting for an Inform. An event leaves the queue only when an Inform carrying it was answered with
 * InformResponse. Single-type events ("0 BOOTSTRAP" .. "14 HEARTBEAT", vendor "X ...") are kept once however often
 * they fire; "M ..." method events are kept each time, since each carries its own CommandKey.
 */
public final class EventQueue {
    private final List<EventStruct> events = new ArrayList<>();
    private final Runnable onChange;

    /**
     * @param pending  events restored from the state file
     * @param onChange run after every change, outside the queue's lock (persists the queue, wakes the session loop)
     */
    public EventQueue(Collection<EventStruct> pending, Runnable onChange) {
        pending.forEach(this::addQuietly);
        this.onChange = onChange;
    }

    /** Queues an event with an empty CommandKey. */
    public boolean add(String eventCode) {
        return add(new EventStruct(eventCode, ""));
    }

    /** Queues an event; returns false when a single-type event of that code was already queued. */
    public boolean add(EventStruct event) {
        boolean added;
        synchronized (this) {
            added = addQuietly(event);
        }
        if (added) {
            onChange.run();
        }
        return added;
    }

    private synchronized boolean addQuietly(EventStruct event) {
        EventStruct e = new EventStruct(event.eventCode(), event.commandKey() == null ? "" : event.commandKey());
        if (!e.eventCode().startsWith("M ")
                && events.stream().anyMatch(q -> q.eventCode().equals(e.eventCode()))) {
            return false;
        }
        events.add(e);
        return true;
    }

    /** The queued events, oldest first, for the next Inform. */
    public synchronized List<EventStruct> snapshot() {
        return List.copyOf(events);
    }

    public synchronized boolean isEmpty() {
        return events.isEmpty();
    }

    /** Replaces every queued event (a factory reset starts over with 0 BOOTSTRAP and 1 BOOT). */
    public void replaceAll(List<EventStruct> fresh) {
        synchronized (this) {
            events.clear();
            fresh.forEach(this::addQuietly);
        }
        onChange.run();
    }

    /** Removes events an answered Inform carried; events queued since stay for the next session. */
    public void delivered(List<EventStruct> sent) {
        boolean changed = false;
        synchronized (this) {
            for (EventStruct e : sent) {
                changed |= events.remove(e);
            }
        }
        if (changed) {
            onChange.run();
        }
    }
}
