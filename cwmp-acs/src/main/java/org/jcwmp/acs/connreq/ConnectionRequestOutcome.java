package org.jcwmp.acs.connreq;

import java.time.Duration;

/**
 * What happened to one connection request.
 *
 * @param mechanism "http" (later also "udp" and "xmpp")
 * @param delivered the CPE accepted it (HTTP 200 or 204)
 * @param detail    the HTTP status or the error, for people
 * @param elapsed   from sending to the CPE's answer
 */
public record ConnectionRequestOutcome(String mechanism, boolean delivered, String detail, Duration elapsed) {
}
