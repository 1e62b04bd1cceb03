package org.jcwmp.acs;

import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.task.Task;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.Inform;

/** What happens on the ACS, for tests, the live event stream and metrics. Called on the session's thread: be quick. */
public interface AcsListener {
    /** An Inform was recorded and answered. */
    default void informed(Device device, Inform inform) {
    }

    /** A task finished (done or failed) in a session. */
    default void taskFinished(Task task) {
    }

    /** The CPE accepted a transfer task and will report its outcome later (TransferComplete): it is still running. */
    default void taskAwaiting(Task task) {
    }

    /** The CPE sent a request of its own (TransferComplete ...) and the ACS answered it. */
    default void cpeRequest(String deviceId, CwmpRequest request) {
    }

    /** The ACS ended a session with 204. */
    default void sessionEnded(String deviceId) {
    }

    /** A CPE starting a session was turned away with 503 (too many sessions open: backpressure). */
    default void sessionRefused() {
    }
}
