package org.jcwmp.acs.connreq;

import java.time.Duration;

/**
 * What happened to one connection request.
 *
 * @param mechanism   "xmpp", "http" or "udp" (the last one tried), or "none"
 * @param delivered   the CPE accepted it (HTTP 200/204, an XMPP result), or for UDP, which has no answer, it was sent
 * @param detail      what each mechanism tried said, for people
 * @param elapsed     from sending to the CPE's answer (for UDP: to the send)
 * @param informAfter from sending to the Inform with 6 CONNECTION REQUEST; null when none came in time or not awaited
 */
public record ConnectionRequestOutcome(String mechanism, boolean delivered, String detail, Duration elapsed,
                                       Duration informAfter) {

    public ConnectionRequestOutcome(String mechanism, boolean delivered, String detail, Duration elapsed) {
        this(mechanism, delivered, detail, elapsed, null);
    }

    ConnectionRequestOutcome withInformAfter(Duration d) {
        return new ConnectionRequestOutcome(mechanism, delivered, detail, elapsed, d);
    }
}
