package org.jcwmp.cpe.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something the gateway's console shows: a new configuration, an item's new readings, a session with the ACS, a
 * connection request.
 *
 * @param id   increasing from 1; the SSE event id a reconnecting browser sends back as Last-Event-ID
 * @param time when it happened
 * @param kind one of the constants, e.g. {@value #ITEM_UPDATED}
 * @param data what to show, JSON-ready (strings, numbers, lists, maps)
 */
public record ConsoleEvent(long id, Instant time, String kind, Map<String, Object> data) {
    public static final String NEW_CONFIGURATION = "New Configuration";
    public static final String ITEM_UPDATED = "Item Updated";
    public static final String SESSION_STARTED = "Session Started";
    public static final String SESSION_ENDED = "Session Ended";
    public static final String CONNECTION_REQUEST = "Connection Request";

    public ConsoleEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        data = Map.copyOf(data);
    }
}
