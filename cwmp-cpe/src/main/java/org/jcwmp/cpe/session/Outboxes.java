package org.jcwmp.cpe.session;

import java.util.ArrayList;
import java.util.List;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.EventStruct;

/**
 * The agent's outbox: the requests of every {@link OutboxSource}, in the order of the sources, and the bookkeeping
 * of the events that announce them. An Inform's events are delivered once it is accepted, except those a source
 * still holds; those are delivered as soon as the request they announce is answered.
 */
public final class Outboxes implements SessionClient.Outbox {
    private final EventQueue events;
    private final List<OutboxSource> sources;
    /** The held events of the last accepted Inform, delivered once no source holds them. */
    private final List<EventStruct> held = new ArrayList<>();

    public Outboxes(EventQueue events, List<OutboxSource> sources) {
        this.events = events;
        this.sources = List.copyOf(sources);
    }

    /** The Inform that carried these events was accepted: delivers every one no source holds. */
    public void informAccepted(List<EventStruct> delivered) {
        List<EventStruct> done = new ArrayList<>();
        synchronized (held) {
            held.clear();
            for (EventStruct e : delivered) {
                if (holds(e)) {
                    held.add(e);
                } else {
                    done.add(e);
                }
            }
        }
        events.delivered(done); // persists
    }

    /** True while a source holds this event. */
    public boolean holds(EventStruct event) {
        return sources.stream().anyMatch(s -> s.holds(event));
    }

    @Override
    public List<? extends CwmpRequest> pending(List<EventStruct> informEvents) {
        List<CwmpRequest> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.pending(informEvents)));
        return all;
    }

    @Override
    public void answered(CwmpRequest request) {
        sources.forEach(s -> s.answered(request));
        List<EventStruct> released = new ArrayList<>();
        synchronized (held) {
            for (EventStruct e : List.copyOf(held)) {
                if (!holds(e)) {
                    held.remove(e);
                    released.add(e);
                }
            }
        }
        if (!released.isEmpty()) {
            events.delivered(released);
        }
    }
}
