package org.jcwmp.cpe.gateway;

import java.util.Map;

/** Where a driver delivers an item's readings. Safe to call from any thread. */
@FunctionalInterface
public interface ReadingSink {

    /**
     * New values of some or all of the item's readings.
     *
     * @param readings reading name (one of the item type's) to its value as text, e.g. "temp" to "21.5"
     */
    void readings(Map<String, String> readings);
}
