package org.jcwmp.acs.store;

import java.time.Instant;

/** One change made through the NBI: who, when, what (method and path), how it ended (status), and its body. */
public record AuditEntry(long id, Instant at, String username, String method, String path, int status, String detail) {
}
