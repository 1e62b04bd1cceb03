package org.jcwmp.acs.task;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueuedDevicesTest {
    @Test
    void aDeviceIsUnmarkedOnlyByAReaderWhoseMarkIsStillCurrent() {
        QueuedDevices queued = new QueuedDevices(List.of("a"));
        assertThat(queued.current("a")).isNotNull();
        assertThat(queued.current("b")).isNull();

        Object read = queued.current("a");
        queued.mark("a"); // a task was queued while the reader asked the store
        queued.noneQueued("a", read);
        assertThat(queued.current("a")).as("the newer task keeps its device marked").isNotNull();

        queued.noneQueued("a", queued.current("a"));
        assertThat(queued.current("a")).isNull();
    }
}
