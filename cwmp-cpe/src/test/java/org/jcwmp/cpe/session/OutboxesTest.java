package org.jcwmp.cpe.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.FaultStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.junit.jupiter.api.Test;

/** The outbox: an Inform's events go once it is accepted, except those announcing a request not yet answered. */
class OutboxesTest {
    private static final EventStruct BOOT = new EventStruct(EventCode.BOOT, "");
    private static final EventStruct SEVEN = new EventStruct(EventCode.TRANSFER_COMPLETE, "");
    private static final EventStruct M_DOWNLOAD = new EventStruct(EventCode.M_DOWNLOAD, "k");

    /** Owes one TransferComplete, announced by 7 TRANSFER COMPLETE + M Download k. */
    private static final class OneTransfer implements OutboxSource {
        final List<CwmpRequest> owed = new ArrayList<>(List.of(
                new TransferComplete("k", new FaultStruct(0, ""), "t0", "t1")));

        @Override
        public List<? extends CwmpRequest> pending(List<EventStruct> informEvents) {
            return informEvents.contains(M_DOWNLOAD) ? List.copyOf(owed) : List.of();
        }

        @Override
        public void answered(CwmpRequest request) {
            owed.remove(request);
        }

        @Override
        public boolean holds(EventStruct event) {
            return !owed.isEmpty() && (event.equals(SEVEN) || event.equals(M_DOWNLOAD));
        }
    }

    @Test
    void heldEventsStayQueuedUntilTheRequestTheyAnnounceIsAnswered() {
        EventQueue events = new EventQueue(List.of(BOOT, SEVEN, M_DOWNLOAD), () -> {
        });
        OneTransfer source = new OneTransfer();
        Outboxes outboxes = new Outboxes(events, List.of(source, new NothingOwed()));

        List<EventStruct> inform = events.snapshot();
        assertThat(outboxes.pending(List.of(BOOT))).isEmpty();
        List<? extends CwmpRequest> toSend = outboxes.pending(inform);
        assertThat(toSend).hasSize(1);

        outboxes.informAccepted(inform);
        assertThat(events.snapshot()).containsExactly(SEVEN, M_DOWNLOAD); // a broken session sends them again

        outboxes.answered(toSend.get(0));
        assertThat(events.snapshot()).isEmpty();
    }

    /** A second source that owes nothing: it neither holds nor sends. */
    private static final class NothingOwed implements OutboxSource {
        @Override
        public List<? extends CwmpRequest> pending(List<EventStruct> informEvents) {
            return List.of();
        }

        @Override
        public void answered(CwmpRequest request) {
        }

        @Override
        public boolean holds(EventStruct event) {
            return false;
        }
    }
}
