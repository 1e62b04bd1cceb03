package org.jcwmp.cpe;

import java.util.List;
import org.jcwmp.core.rpc.EventStruct;

/**
 * What an agent reports. Methods run on the agent's own threads and should return quickly; all have empty defaults.
 */
public interface CpeListener {

    /** A session is starting; its Inform carries these events. */
    default void sessionStarted(List<EventStruct> events) {
    }

    /** A session ended; {@code cause} says why it failed (null when ok). */
    default void sessionEnded(boolean ok, Throwable cause) {
    }

    /** A connection request came in; accepted when its credentials were right (a session follows). */
    default void connectionRequestReceived(boolean accepted) {
    }

    /**
     * The device restarted as the ACS asked: a Reboot ({@code factoryReset} false) or a FactoryReset. The session
     * announcing it follows.
     */
    default void restarted(boolean factoryReset) {
    }
}
