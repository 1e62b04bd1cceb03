package org.jcwmp.cpe.session;

import org.jcwmp.core.rpc.EventStruct;

/**
 * One kind of request the CPE owes the ACS (TransferComplete, AutonomousTransferComplete, DUStateChangeComplete ...)
 * together with the Inform events that announce it: such an event stays queued, and rides every Inform, until the
 * request it announces has been answered (TR-069 3.7.1.5).
 */
public interface OutboxSource extends SessionClient.Outbox {

    /** True while this event still announces a request of this source that the ACS has not answered. */
    boolean holds(EventStruct event);
}
