package org.jcwmp.acs.session;

import org.jcwmp.acs.cluster.Cluster;
import org.jcwmp.acs.task.TaskService;
import org.jcwmp.core.soap.CwmpVersion;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open sessions by cookie. A session idle past the timeout is dropped and its unanswered task requeued. The cluster
 * learns which devices this node holds in session, and when it holds them no more.
 */
final class SessionRegistry {
    private final Map<String, CwmpSession> byCookie = new ConcurrentHashMap<>();
    private final Map<String, CwmpSession> byDevice = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final long timeoutNanos;
    private final TaskService tasks;
    private final Cluster cluster;

    SessionRegistry(Duration timeout, TaskService tasks, Cluster cluster) {
        this.timeoutNanos = timeout.toNanos();
        this.tasks = tasks;
        this.cluster = cluster;
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

    /**
     * Sessions the ACS still works in (idle ones until the next sweep). Not those it has answered 204 and keeps only
     * so that the CPE may still send its own requests: a CPE that had been held and has nothing to send just closes,
     * and such sessions, counted until their timeout, turned CPEs away with 503 while the ACS sat idle.
     */
    int openCount() {
        return byDevice.size();
    }

    boolean isOpen(String deviceId) {
        return byDevice.containsKey(deviceId);
    }

    /**
     * The ACS has nothing more for this session: the device counts as out of session (a connection request may be
     * sent), but the cookie stays valid so the CPE can still send its own requests.
     */
    void acsDone(CwmpSession s) {
        if (byDevice.remove(s.deviceId, s)) {
            released(s.deviceId);
        }
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
        if (byDevice.remove(s.deviceId, s)) {
            released(s.deviceId);
        }
        drop(s);
    }

    /**
     * The device opened a session on another node: the one it had here ends, its unanswered task requeued (unless the
     * other node took it already), and nothing more is sent in it. True when there was one.
     */
    boolean movedAway(String deviceId) {
        CwmpSession s = byDevice.remove(deviceId);
        if (s == null) {
            return false;
        }
        drop(s);
        return true;
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

    /** Tells the cluster; a store that fails here must not stop the sweep or the session's end. */
    private void released(String deviceId) {
        try {
            cluster.sessionEnded(deviceId);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SessionRegistry.class).warn(
                    "could not record that {}'s session ended: {}", deviceId, e.toString());
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
