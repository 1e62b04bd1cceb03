package org.jcwmp.core.xmpp;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Keeps one long-lived link up: connects at once, and after a failed attempt or a lost link waits the
 * {@link ServerRetry} time before the next attempt. The first attempt after a loss is the first reconnection
 * (n = 1); each failure in a row makes n one larger; a success starts over.
 *
 * <p>Library-neutral: the caller's {@link Connector} makes the link (an XMPP login) and tells the loop when it is
 * lost ({@link #lost()}). One thread, virtual, named after the link.
 */
public final class ReconnectLoop implements AutoCloseable {
    /** Makes the link; returns when it is up, throws when this attempt failed. */
    @FunctionalInterface
    public interface Connector {
        /**
         * @param failuresInARow attempts that failed since the link was last up (0 for a first try), for callers
         *                       that move on to another server address after some failures
         */
        void connect(int failuresInARow) throws Exception;
    }

    /** Told about attempts, for logs and status. */
    public interface Observer {
        default void attemptFailed(int failuresInARow, Exception e, Duration nextWait) {
        }

        default void waiting(Duration wait) {
        }
    }

    private final String name;
    private final ServerRetry retry;
    private final Connector connector;
    private final Observer observer;
    private final RandomGenerator random;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean closed;
    private boolean lost;
    private Thread thread;

    public ReconnectLoop(String name, ServerRetry retry, Connector connector, Observer observer, RandomGenerator random) {
        this.name = Objects.requireNonNull(name);
        this.retry = Objects.requireNonNull(retry);
        this.connector = Objects.requireNonNull(connector);
        this.observer = observer != null ? observer : new Observer() { };
        this.random = Objects.requireNonNull(random);
    }

    public void start() {
        lock.lock();
        try {
            if (thread != null) {
                throw new IllegalStateException("already started");
            }
            thread = Thread.ofVirtual().name(name).start(this::run);
        } finally {
            lock.unlock();
        }
    }

    /** The link went down: reconnect after the first reconnection wait. A loss reported twice counts once. */
    public void lost() {
        lock.lock();
        try {
            lost = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        int failures = 0;
        int n = 0; // reconnection waits so far in this streak; 0 = connect now
        while (true) {
            if (n > 0) {
                Duration wait = retry.waitBefore(n, random);
                observer.waiting(wait);
                if (!sleep(wait)) {
                    return;
                }
            }
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                lost = false; // a loss reported before this attempt belongs to the previous link
            } finally {
                lock.unlock();
            }
            try {
                connector.connect(failures);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failures++;
                n++;
                if (isClosed()) {
                    return;
                }
                observer.attemptFailed(failures, e, retry.maxWait(n));
                continue;
            }
            failures = 0;
            if (!awaitLoss()) {
                return;
            }
            n = 1;
        }
    }

    /** Waits until the link is lost (true) or the loop closed (false). */
    private boolean awaitLoss() {
        lock.lock();
        try {
            while (!lost && !closed) {
                signal.awaitUninterruptibly();
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps unless closed first; false when closed. */
    private boolean sleep(Duration wait) {
        long remaining = wait.toNanos();
        lock.lock();
        try {
            while (!closed && remaining > 0) {
                try {
                    remaining = signal.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Stops reconnecting; waits briefly for an attempt in flight to notice. Idempotent. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            signal.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
