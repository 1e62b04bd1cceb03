package org.jcwmp.acs.session;

import org.jcwmp.acs.task.TaskService;
import org.jcwmp.core.soap.CwmpVersion;

/** One CWMP session of one device, from its Inform to the ACS's empty 204. Touched by one request at a time. */
final class CwmpSession {
    final String id;
    final String deviceId;
    final CwmpVersion version;
    volatile long lastSeenNanos = System.nanoTime();
    /** The task the ACS asked the CPE to do and whose response it awaits, with the cwmp:ID it was sent under. */
    TaskService.Running inFlight;
    String inFlightId;
    private int requestCounter;

    CwmpSession(String id, String deviceId, CwmpVersion version) {
        this.id = id;
        this.deviceId = deviceId;
        this.version = version;
    }

    String nextRequestId() {
        return "jcwmp-" + (++requestCounter);
    }
}
