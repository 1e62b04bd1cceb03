package org.jcwmp.acs.session;

import org.jcwmp.acs.task.TaskService;
import org.jcwmp.core.soap.CwmpVersion;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Open sessions by cookie. A session idle past the timeout is dropped and its unanswered task requeued. */
final class SessionRegistry {
    private final Map<String, CwmpSession> byCookie = new ConcurrentHashMap<>();
    private final Map<String, CwmpSession> byDevice = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final long timeoutNanos;
    private final TaskService tasks;

    SessionRegistry(Duration timeout, TaskService tasks) {
        this.timeoutNanos = timeout.toNanos();
        this.tasks = tasks;
    }

    CwmpSession get(String cookie) {
        if (cookie == null) {
            return null;
        }
        CwmpSession s = byCookie.get(cookie);
        if (s != null && System.nanoTime() - s.lastSeenNanos > timeoutNanos) {
            close(s);
            return null;
        }
        return s;
    }

    /** Opens a session; a session the same device still had open (it restarted, say) ends here. */
    CwmpSession open(String deviceId, CwmpVersion version) {
        byte[] token = new byte[16];
        random.nextBytes(token);
        CwmpSession s = new CwmpSession(HexFormat.of().formatHex(token), deviceId, version);
        CwmpSession previous = byDevice.put(deviceId, s);
        if (previous != null) {
            drop(previous);
        }
        byCookie.put(s.id, s);
        return s;
    }

    /** Sessions open now (their cookies valid), idle ones until the next sweep. */
    int openCount() {
        return byCookie.size();
    }

    boolean isOpen(String deviceId) {
        return byDevice.containsKey(deviceId);
    }

    /**
     * The ACS has nothing more for this session: the device counts as out of session (a connection request may be
     * sent), but the cookie stays valid so the CPE can still send its own requests.
     */
    void acsDone(CwmpSession s) {
        byDevice.remove(s.deviceId, s);
    }

    /** The ACS has work again in a session it had finished with. */
    void resume(CwmpSession s) {
        CwmpSession previous = byDevice.putIfAbsent(s.deviceId, s);
        if (previous != null && previous != s) {
            // A newer session of the device is open; this one ends.
            close(s);
        }
    }

    void close(CwmpSession s) {
        byDevice.remove(s.deviceId, s);
        drop(s);
    }

    /** Drops sessions idle past the timeout. */
    void sweep() {
        long now = System.nanoTime();
        for (CwmpSession s : byCookie.values()) {
            if (now - s.lastSeenNanos > timeoutNanos) {
                close(s);
            }
        }
    }

    private void drop(CwmpSession s) {
        byCookie.remove(s.id);
        synchronized (s) {
            if (s.inFlight != null) {
                tasks.interrupted(s.inFlight);
                s.inFlight = null;
            }
        }
    }
}
