package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.task.Task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Connection requests made for the NBI, counted in the metrics and shown in the live events. */
final class ConnectionRequests {
    /** A task after waiting for it, and the connection request that was sent (or not) for it. */
    record Waited(Task task, ConnectionRequestOutcome outcome) {
    }

    private static final int BULK_PARALLEL = 16;

    private final NbiServices s;
    private final Semaphore bulk = new Semaphore(BULK_PARALLEL);

    ConnectionRequests(NbiServices s) {
        this.s = s;
    }

    ConnectionRequestOutcome request(Device d) {
        ConnectionRequestOutcome o = s.connectionRequester().request(d);
        if (s.metrics() != null) {
            s.metrics().connectionRequest(o);
        }
        if (s.events() != null) {
            s.events().connectionRequest(d.id(), o);
        }
        return o;
    }

    /**
     * Asks the device to connect now (unless it is in a session, which takes the task at its next empty POST) and
     * waits up to wait for the task to finish.
     */
    Waited run(Device d, Task task, Duration wait) throws InterruptedException {
        var finished = s.tasks().whenFinished(task.id());
        long deadline = System.nanoTime() + wait.toNanos();
        ConnectionRequestOutcome outcome = null;
        while (true) {
            if (outcome == null && !s.cwmp().inSession(d.id())) {
                outcome = request(d);
                if (!outcome.delivered()) {
                    break;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                task = s.tasks().find(task.id()).orElse(task);
                break;
            }
            try {
                task = finished.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                break;
            } catch (TimeoutException e) {
                // keep waiting
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        if (outcome == null) {
            outcome = new ConnectionRequestOutcome("none", true, "the device was in a session already", Duration.ZERO);
        }
        return new Waited(task, outcome);
    }

    ObjectNode json(NbiJson j, Waited w) {
        ObjectNode out = j.task(w.task());
        out.set("connectionRequest", j.outcome(w.outcome()));
        return out;
    }

    /** Sends connection requests to many devices in the background, a few at a time. */
    void inBackground(List<Device> devices) {
        Thread.ofVirtual().name("bulk-connection-requests").start(() -> {
            for (Device d : devices) {
                try {
                    bulk.acquire();
                } catch (InterruptedException e) {
                    return;
                }
                Thread.ofVirtual().start(() -> {
                    try {
                        if (!s.cwmp().inSession(d.id())) {
                            request(d);
                        }
                    } finally {
                        bulk.release();
                    }
                });
            }
        });
    }
}
