package org.jcwmp.acs;

import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * STUN passwords by STUNUsername for the STUN server, which asks on every keep-alive of every device: answers are
 * kept for a minute so keep-alives do not become store queries.
 */
final class StunPasswords {
    private static final long TTL_NANOS = 60_000_000_000L;

    private record Entry(Optional<String> password, long loadedNanos) {
    }

    private final DeviceStore devices;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    StunPasswords(DeviceStore devices) {
        this.devices = devices;
    }

    /** The password, or null for a username no device has. */
    String get(String stunUsername) {
        long now = System.nanoTime();
        Entry e = cache.get(stunUsername);
        if (e == null || now - e.loadedNanos > TTL_NANOS) {
            e = new Entry(devices.findByStunUsername(stunUsername).map(Device::stunPassword), now);
            if (cache.size() > 1_000_000) {
                cache.clear();
            }
            cache.put(stunUsername, e);
        }
        return e.password.orElse(null);
    }
}
