package org.jcwmp.acs.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Fans live events out to subscribers. Publishing never blocks the CWMP session that publishes: each subscriber has
 * its own bounded queue drained by a virtual thread, and one that falls too far behind is dropped. The newest events
 * are kept for subscribers that resume (SSE Last-Event-ID). Events live on the node where they happened.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private static final int QUEUE = 2000;

    private final int keep;
    private final ArrayDeque<LiveEvent> recent = new ArrayDeque<>();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private long seq;

    public EventBus(int keep) {
        this.keep = keep;
    }

    /** A subscriber; close it to stop. */
    public final class Subscription implements AutoCloseable {
        private final Predicate<LiveEvent> filter;
        private final Consumer<LiveEvent> sink;
        private final BlockingQueue<LiveEvent> queue = new ArrayBlockingQueue<>(QUEUE);
        private final Thread drainer;
        private volatile boolean closed;
        private final Runnable onDrop;

        private Subscription(Predicate<LiveEvent> filter, Consumer<LiveEvent> sink, Runnable onDrop) {
            this.filter = filter;
            this.sink = sink;
            this.onDrop = onDrop;
            this.drainer = Thread.ofVirtual().name("event-subscriber").unstarted(this::drain);
        }

        private void offer(LiveEvent e) {
            if (!closed && filter.test(e) && !queue.offer(e)) {
                log.info("dropping a live-event subscriber {} events behind", QUEUE);
                close();
                onDrop.run();
            }
        }

        private void drain() {
            try {
                while (!closed) {
                    LiveEvent e = queue.poll(1, TimeUnit.SECONDS);
                    if (e != null) {
                        sink.accept(e);
                    }
                }
            } catch (InterruptedException ignored) {
                // closed
            } catch (RuntimeException e) {
                log.debug("live-event subscriber failed: {}", e.toString());
                close();
                onDrop.run();
            }
        }

        @Override
        public void close() {
            closed = true;
            subscribers.remove(this);
        }
    }

    public LiveEvent publish(String type, String device, JsonNode data) {
        LiveEvent e;
        synchronized (recent) {
            e = new LiveEvent(++seq, Instant.now(), type, device, data);
            recent.addLast(e);
            if (recent.size() > keep) {
                recent.removeFirst();
            }
        }
        for (Subscription s : subscribers) {
            s.offer(e);
        }
        return e;
    }

    /**
     * Subscribes; events after afterSeq that are still kept are delivered first (afterSeq &lt; 0: none).
     *
     * @param onDrop run when the bus drops the subscriber (too slow, or its sink threw)
     */
    public Subscription subscribe(Predicate<LiveEvent> filter, Consumer<LiveEvent> sink, long afterSeq, Runnable onDrop) {
        Subscription s = new Subscription(filter, sink, onDrop);
        synchronized (recent) {
            if (afterSeq >= 0) {
                recent.stream().filter(e -> e.seq() > afterSeq).forEach(s::offer);
            }
            subscribers.add(s);
        }
        s.drainer.start();
        return s;
    }

    /** The kept events that pass the filter, oldest first, at most limit of the newest. */
    public List<LiveEvent> recent(Predicate<LiveEvent> filter, int limit) {
        List<LiveEvent> out = new ArrayList<>();
        synchronized (recent) {
            recent.stream().filter(filter).forEach(out::add);
        }
        return out.size() > limit ? out.subList(out.size() - limit, out.size()) : out;
    }

    public int subscribers() {
        return subscribers.size();
    }

    @Override
    public void close() {
        subscribers.forEach(Subscription::close);
    }
}
