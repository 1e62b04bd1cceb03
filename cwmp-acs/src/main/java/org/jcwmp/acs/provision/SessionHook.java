package org.jcwmp.acs.provision;

import org.jcwmp.acs.store.Device;
import org.jcwmp.core.rpc.Inform;

/**
 * What the CWMP endpoint asks the provisioning engine during a session. Called on the session's thread, in order.
 */
public interface SessionHook {
    SessionHook NONE = new SessionHook() {
    };

    /** The Inform is recorded and not answered yet: queue what the presets want, so it runs in this session. */
    default void informReceived(Device device, Inform inform) {
    }

    /** The device's task queue ran empty in its session: queue more if needed (e.g. after an AddObject); true if so. */
    default boolean drained(String deviceId) {
        return false;
    }
}
