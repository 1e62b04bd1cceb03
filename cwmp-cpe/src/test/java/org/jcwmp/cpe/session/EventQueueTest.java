package org.jcwmp.cpe.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    private final AtomicInteger changes = new AtomicInteger();
    private final EventQueue queue = new EventQueue(List.of(new EventStruct(EventCode.BOOT, "")), changes::incrementAndGet);

    @Test
    void singleEventsCollapseMethodEventsDoNot() {
        assertThat(queue.add(EventCode.PERIODIC)).isTrue();
        assertThat(queue.add(EventCode.PERIODIC)).isFalse();
        assertThat(queue.add(EventCode.BOOT)).isFalse();
        assertThat(queue.add(new EventStruct(EventCode.M_REBOOT, "a"))).isTrue();
        assertThat(queue.add(new EventStruct(EventCode.M_REBOOT, "b"))).isTrue();
        assertThat(queue.snapshot()).extracting(EventStruct::eventCode)
                .containsExactly(EventCode.BOOT, EventCode.PERIODIC, EventCode.M_REBOOT, EventCode.M_REBOOT);
        assertThat(changes).hasValue(3);
    }

    @Test
    void deliveryRemovesOnlyWhatWasSent() {
        List<EventStruct> sent = queue.snapshot();
        queue.add(EventCode.CONNECTION_REQUEST); // arrives while the session runs
        queue.delivered(sent);
        assertThat(queue.snapshot()).containsExactly(new EventStruct(EventCode.CONNECTION_REQUEST, ""));
        queue.delivered(queue.snapshot());
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aConnectionRequestIsKeptInMemoryOnly() {
        int before = changes.get();
        assertThat(queue.add(EventCode.CONNECTION_REQUEST)).isTrue();
        assertThat(changes).as("no save on the way to the session").hasValue(before);
        assertThat(queue.snapshot()).extracting(EventStruct::eventCode).containsExactly(EventCode.BOOT, EventCode.CONNECTION_REQUEST);
        assertThat(queue.persistent()).extracting(EventStruct::eventCode).containsExactly(EventCode.BOOT);

        queue.delivered(List.of(new EventStruct(EventCode.CONNECTION_REQUEST, "")));
        assertThat(changes).hasValue(before);
        queue.delivered(List.of(new EventStruct(EventCode.BOOT, "")));
        assertThat(changes).hasValue(before + 1);
    }
}
