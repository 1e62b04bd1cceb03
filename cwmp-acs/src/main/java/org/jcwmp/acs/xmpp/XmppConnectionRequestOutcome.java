package org.jcwmp.acs.xmpp;

import java.time.Duration;
import java.util.Objects;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;

/**
 * What happened to one XMPP connection request.
 *
 * @param result         how it ended
 * @param errorCondition for {@link Result#REFUSED}: the stanza error condition, e.g. "service-unavailable" (sender
 *                       not allowed, CPE offline, rate limit) or "not-authorized" (wrong credentials); else null
 * @param errorType      for {@link Result#REFUSED}: the error type, e.g. "cancel", or "wait" for a CPE that asks to
 *                       be tried again later; else null
 * @param elapsed        from sending the IQ to its answer (or to giving up)
 */
public record XmppConnectionRequestOutcome(Result result, String errorCondition, String errorType, Duration elapsed) {
    public enum Result {
        /** The CPE answered with an empty result: it will open a session with 6 CONNECTION REQUEST. */
        DELIVERED,
        /** An error answer, from the CPE or from the server on its behalf. */
        REFUSED,
        /** No answer within the timeout. */
        TIMEOUT,
        /** The ACS has no XMPP link now (or lost it while waiting); try another mechanism. */
        NOT_CONNECTED,
        /** The device's ConnReqJabberID is not a JID. */
        INVALID_JID
    }

    public XmppConnectionRequestOutcome {
        Objects.requireNonNull(result);
        Objects.requireNonNull(elapsed);
    }

    public boolean delivered() {
        return result == Result.DELIVERED;
    }

    /** For people: "result", "error service-unavailable (cancel)", "timeout" ... */
    public String detail() {
        return switch (result) {
            case DELIVERED -> "result";
            case REFUSED -> "error " + errorCondition + (errorType == null ? "" : " (" + errorType + ")");
            case TIMEOUT -> "timeout";
            case NOT_CONNECTED -> "no XMPP link";
            case INVALID_JID -> "invalid ConnReqJabberID";
        };
    }

    /** The mechanism-neutral outcome the rest of the ACS reports, mechanism "xmpp". */
    public ConnectionRequestOutcome toConnectionRequestOutcome() {
        return new ConnectionRequestOutcome("xmpp", delivered(), detail(), elapsed);
    }
}
