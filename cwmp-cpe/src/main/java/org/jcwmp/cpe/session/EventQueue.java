package org.jcwmp.cpe.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;

/**
 * The events waiting for an Inform. An event leaves the queue only when an Inform carrying it was answered with
 * InformResponse. Single-type events ("0 BOOTSTRAP" .. "14 HEARTBEAT", vendor "X ...") are kept once however often
 * they fire; "M ..." method events are kept each time, since each carries its own CommandKey.
 *
 * <p>6 CONNECTION REQUEST is kept in memory only: it asks for a session now, so it is not worth a write to disk
 * on the way to that session (a restart opens a session with 1 BOOT anyway). Queuing or delivering it alone does
 * not run {@code onChange}; {@link SessionLoop#requestSession(EventStruct)} wakes the loop itself, and
 * {@link #persistent()} leaves it out of the saved state.
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
        if (added && persistent(event)) {
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

    /** The queued events to save, oldest first: all but those kept in memory only. */
    public synchronized List<EventStruct> persistent() {
        return events.stream().filter(EventQueue::persistent).toList();
    }

    private static boolean persistent(EventStruct event) {
        return !EventCode.CONNECTION_REQUEST.equals(event.eventCode());
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
                changed |= events.remove(e) && persistent(e);
            }
        }
        if (changed) {
            onChange.run();
        }
    }
}
