package org.jcwmp.cpe.gateway;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The console's event stream: numbered events, the latest few kept so that a browser that reconnects gets what it
 * missed (Last-Event-ID), and subscribers told of each new one.
 */
public final class ConsoleEvents {
    public static final int DEFAULT_REPLAY = 500;

    private final int replaySize;
    private final Clock clock;
    private final Deque<ConsoleEvent> recent = new ArrayDeque<>();
    private final List<Consumer<ConsoleEvent>> subscribers = new CopyOnWriteArrayList<>();
    private long lastId;

    public ConsoleEvents(int replaySize, Clock clock) {
        if (replaySize < 1) {
            throw new IllegalArgumentException("replay size " + replaySize);
        }
        this.replaySize = replaySize;
        this.clock = clock;
    }

    public ConsoleEvents() {
        this(DEFAULT_REPLAY, Clock.systemUTC());
    }

    /**
     * Numbers, keeps and hands out an event. Subscribers are told under the lock, so each sees the events in id order
     * (drivers publish from several threads) and none between its replay and its first live event is lost.
     */
    public synchronized ConsoleEvent publish(String kind, Map<String, Object> data) {
        ConsoleEvent event = new ConsoleEvent(++lastId, clock.instant(), kind, data);
        recent.addLast(event);
        if (recent.size() > replaySize) {
            recent.removeFirst();
        }
        for (Consumer<ConsoleEvent> s : subscribers) {
            s.accept(event);
        }
        return event;
    }

    /**
     * Subscribes and returns, atomically with it, the kept events after {@code afterId} (all kept ones for 0), so
     * that nothing is missed or seen twice. The subscriber must not block: it runs under this object's lock.
     */
    public synchronized List<ConsoleEvent> subscribe(long afterId, Consumer<ConsoleEvent> subscriber) {
        subscribers.add(subscriber);
        return since(afterId);
    }

    public void unsubscribe(Consumer<ConsoleEvent> subscriber) {
        subscribers.remove(subscriber);
    }

    /** Kept events with an id above {@code afterId}, oldest first. */
    public synchronized List<ConsoleEvent> since(long afterId) {
        List<ConsoleEvent> result = new ArrayList<>();
        for (ConsoleEvent e : recent) {
            if (e.id() > afterId) {
                result.add(e);
            }
        }
        return result;
    }

    public synchronized long lastId() {
        return lastId;
    }
}
