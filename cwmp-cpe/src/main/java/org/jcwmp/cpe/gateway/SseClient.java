package org.jcwmp.cpe.gateway;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One browser's queue of console events. Bounded: a browser too slow to keep up is cut off and, reconnecting with
 * Last-Event-ID, gets what the replay buffer still has.
 */
final class SseClient {
    private static final int MAX_QUEUED = 1000;
    private static final ConsoleEvent END = new ConsoleEvent(-1, java.time.Instant.EPOCH, "end", java.util.Map.of());

    private final LinkedBlockingQueue<ConsoleEvent> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private volatile boolean ended;
    /** The one subscriber object, so that unsubscribing finds it. */
    final Consumer<ConsoleEvent> subscriber = this::offer;

    void offer(ConsoleEvent event) {
        if (!queue.offer(event)) {
            end();
        }
    }

    void end() {
        ended = true;
        queue.clear();
        queue.offer(END);
    }

    boolean ended() {
        return ended;
    }

    /** The next event, or null after the wait. */
    ConsoleEvent next(Duration wait) {
        try {
            ConsoleEvent e = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return e == END ? null : e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            end();
            return null;
        }
    }
}
