package org.jcwmp.cpe.session;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.cpe.model.AgentParameters;
import org.jcwmp.cpe.model.DataModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that opens sessions for an agent, so there is never more than one session at a time.
 *
 * <p>A session starts when events are pending, when one is requested (connection request, API), or when a retry,
 * periodic or scheduled Inform is due. A request while a session runs leads to one more session right after it.
 * After a failed session the loop waits per {@link RetryPolicy}; a request cuts that wait short, a periodic Inform
 * does not (its event just rides along with the retry).
 *
 * <p>Each Inform carries the queued events and, in its ParameterList, the forced-inform parameters and the changed
 * parameters with notification on (with 4 VALUE CHANGE). Work that restarts the device (Reboot, FactoryReset) runs on
 * the loop's thread between sessions, via {@link #afterSession}.
 */
public final class SessionLoop {
    private static final Logger log = LoggerFactory.getLogger(SessionLoop.class);

    /** What the loop tells the agent. Called on the loop's thread. */
    public interface Callbacks {
        /** A session starts; its Inform carries these events. */
        void sessionStarted(List<EventStruct> events);

        /** InformResponse arrived for an Inform that carried these events (those queued, not the added ones). */
        void informAccepted(List<EventStruct> delivered);

        void sessionEnded(boolean ok, Throwable cause);

        /** Requests to send after the Inform (TransferComplete); none by default. */
        default SessionClient.Outbox outbox() {
            return SessionClient.Outbox.NONE;
        }
    }

    private final DataModel model;
    private final AgentParameters known;
    private final EventQueue events;
    private final ValueChanges changes;
    private final ScheduledInforms scheduled;
    private final SessionClient client;
    private final CpeMethods methods;
    private final Callbacks callbacks;
    private final Clock clock;
    private final RandomGenerator random;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean running;
    private boolean requested;
    private boolean scheduleChanged = true;
    private int retryCount;
    private Instant retryAt;
    private Thread thread;
    private final Deque<Runnable> afterSession = new ArrayDeque<>();

    public SessionLoop(DataModel model, EventQueue events, ValueChanges changes, ScheduledInforms scheduled,
                       SessionClient client, CpeMethods methods, Callbacks callbacks, Clock clock,
                       RandomGenerator random) {
        this.model = model;
        this.known = new AgentParameters(model.root());
        this.events = events;
        this.changes = changes;
        this.scheduled = scheduled;
        this.client = client;
        this.methods = methods;
        this.callbacks = callbacks;
        this.clock = clock;
        this.random = random;
    }

    public void start(String name) {
        lock.lock();
        try {
            if (thread != null) {
                throw new IllegalStateException("already started");
            }
            running = true;
            thread = Thread.ofVirtual().name(name).start(this::run);
        } finally {
            lock.unlock();
        }
    }

    /** Asks for a session as soon as possible, even during a retry wait. */
    public void requestSession() {
        signal(() -> requested = true);
    }

    /**
     * Queues an event and asks for a session, as one step: a session that starts meanwhile either carries the event
     * or is followed by another one, never both (which would make an empty extra session).
     */
    public void requestSession(EventStruct event) {
        signal(() -> {
            events.add(event);
            requested = true;
        });
    }

    /** Queues events together: a session starting meanwhile carries all of them or none. */
    public void queue(List<EventStruct> together) {
        signal(() -> together.forEach(events::add));
    }

    /** Events were queued: look again whether a session is due. */
    public void wake() {
        signal(() -> { });
    }

    /** PeriodicInformEnable, Interval or Time changed. */
    public void periodicInformChanged() {
        signal(() -> scheduleChanged = true);
    }

    /**
     * Runs an action on the loop's thread once the current session has ended, however it ended, before the next one
     * starts: a reboot happens after the session that asked for it. Afterwards the device counts as restarted: no
     * retry wait, the periodic schedule starts over.
     */
    public void afterSession(Runnable action) {
        signal(() -> afterSession.add(action));
    }

    /** Consecutive failed sessions so far (the next Inform's RetryCount). */
    public int retryCount() {
        lock.lock();
        try {
            return retryCount;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops after the running session, if any; a session still running after {@code grace} is cut off by closing
     * the connection (it counts as failed and its events stay queued).
     */
    public void stop(Duration grace) {
        Thread t;
        lock.lock();
        try {
            running = false;
            wake.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t == null) {
            return;
        }
        try {
            if (!t.join(grace)) {
                client.close();
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        Instant nextPeriodic = null;
        while (true) {
            List<EventStruct> sent = null;
            lock.lock();
            try {
                while (true) {
                    if (!running) {
                        return;
                    }
                    Instant now = clock.instant();
                    if (scheduleChanged) {
                        nextPeriodic = nextPeriodic(now);
                        scheduleChanged = false;
                    }
                    if (nextPeriodic != null && !now.isBefore(nextPeriodic)) {
                        nextPeriodic = nextPeriodic(now);
                        // Under the lock, so it goes with a session starting now; in a retry wait it rides the retry.
                        events.add(EventCode.PERIODIC);
                    }
                    for (ScheduledInforms.ScheduledInform due : scheduled.takeDue(now)) {
                        events.add(EventCode.SCHEDULED);
                        events.add(new EventStruct(EventCode.M_SCHEDULE_INFORM, due.commandKey()));
                    }
                    boolean inRetryWait = retryAt != null && now.isBefore(retryAt);
                    boolean due = requested
                            || (retryAt != null && !inRetryWait)
                            || (retryAt == null && !events.isEmpty());
                    if (due) {
                        requested = false;
                        sent = events.snapshot(); // under the lock, see requestSession(EventStruct)
                        break;
                    }
                    if (!afterSession.isEmpty()) {
                        break; // e.g. a reboot after an installed firmware image, asked for between sessions
                    }
                    Instant wakeAt = earliest(earliest(nextPeriodic, retryAt), scheduled.nextDue());
                    if (wakeAt == null) {
                        wake.await();
                    } else {
                        wake.await(Math.max(1, Duration.between(now, wakeAt).toMillis()), TimeUnit.MILLISECONDS);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (sent != null) {
                runSession(sent);
            }
            runAfterSessionActions();
        }
    }

    private void runAfterSessionActions() {
        List<Runnable> actions = new ArrayList<>();
        lock.lock();
        try {
            actions.addAll(afterSession);
            afterSession.clear();
        } finally {
            lock.unlock();
        }
        if (actions.isEmpty()) {
            return;
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.error("action after the session failed", e);
            }
        }
        lock.lock();
        try {
            retryCount = 0;
            retryAt = null;
            scheduleChanged = true;
        } finally {
            lock.unlock();
        }
    }

    private void runSession(List<EventStruct> queued) {
        int retries = retryCount();
        boolean ok = false;
        Throwable cause = null;
        try {
            ValueChanges.Snapshot changed = changes.snapshot();
            List<EventStruct> sent = new ArrayList<>(queued);
            if (!changed.isEmpty() && sent.stream().noneMatch(e -> e.eventCode().equals(EventCode.VALUE_CHANGE))) {
                sent.add(new EventStruct(EventCode.VALUE_CHANGE, "")); // passive changes: TR-069 A.3.3.1
            }
            callbacks.sessionStarted(List.copyOf(sent));
            Inform inform = new Inform(deviceId(), sent, 1, CwmpDateTime.now(), retries,
                    model.informParameters(changed.changes().keySet()));
            client.run(managementServer(), inform, methods, () -> {
                callbacks.informAccepted(queued);
                changes.delivered(changed);
            }, callbacks.outbox());
            ok = true;
        } catch (Exception e) {
            cause = e;
        }
        lock.lock();
        try {
            if (ok) {
                retryCount = 0;
                retryAt = null;
            } else {
                retryCount++;
                Duration wait = RetryPolicy.waitBefore(retryCount,
                        number(known.cwmpRetryMinimumWaitInterval(), 5),
                        number(known.cwmpRetryIntervalMultiplier(), 2000), random);
                retryAt = clock.instant().plus(wait);
                log.info("session failed ({}); retry {} in {}", cause.getMessage(), retryCount, wait);
            }
        } finally {
            lock.unlock();
        }
        callbacks.sessionEnded(ok, cause);
    }

    private Instant nextPeriodic(Instant after) {
        return PeriodicInformSchedule.next(after,
                Boolean.parseBoolean(model.find(known.periodicInformEnable()).orElse("false")),
                number(known.periodicInformInterval(), 0),
                model.find(known.periodicInformTime()).orElse(CwmpDateTime.UNKNOWN));
    }

    /** A numeric parameter, or a fallback when the profile does not have it. */
    private long number(String path, long fallback) {
        return model.find(path).map(Long::parseLong).orElse(fallback);
    }

    private DeviceIdStruct deviceId() {
        return new DeviceIdStruct(model.value(known.manufacturer()), model.value(known.manufacturerOui()),
                model.value(known.productClass()), model.value(known.serialNumber()));
    }

    private ManagementServer managementServer() throws SessionException {
        String url = model.value(known.url());
        try {
            return new ManagementServer(url.isEmpty() ? null : URI.create(url),
                    model.value(known.username()), model.value(known.password()));
        } catch (IllegalArgumentException e) {
            throw new SessionException("bad ACS URL " + url, e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
