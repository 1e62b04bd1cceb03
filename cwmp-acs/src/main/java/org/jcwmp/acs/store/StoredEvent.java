package org.jcwmp.acs.store;

import java.time.Instant;

/** An Inform event as received. */
public record StoredEvent(String eventCode, String commandKey, Instant received) {
}
