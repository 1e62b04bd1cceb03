package org.jcwmp.acs;

import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.EventRetention;
import org.jcwmp.acs.store.StoredEvent;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

abstract class EventRetentionTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    @TempDir
    Path dir;
    private TestDatabases.TestStore testStore;
    private DeviceStore devices;

    /** "h2" or "postgresql". */
    abstract String store();

    @BeforeEach
    void open() {
        testStore = TestDatabases.open(store(), dir);
        devices = new DeviceStore(testStore.db());
    }

    @AfterEach
    void close() {
        testStore.close();
    }

    /** Device serial informs once a day from T0 for days days, with event "2 PERIODIC" and the day's number as key. */
    private void informDaily(String serial, int days) {
        for (int day = 0; day < days; day++) {
            devices.recordInform(new Inform(new DeviceIdStruct("Acme", "00D09E", "Box", serial),
                    List.of(new EventStruct("2 PERIODIC", ""), new EventStruct("M Reboot", "day" + day)), 1,
                    "2026-11-01T00:00:00Z", 0, List.<ParameterValueStruct>of()), T0.plus(Duration.ofDays(day)));
        }
    }

    private List<String> keys(String serial) {
        return devices.events("00D09E-Box-" + serial, 1000).stream().map(StoredEvent::commandKey)
                .filter(k -> k != null && !k.isEmpty()).toList();
    }

    @Test
    void eventsOlderThanTheRetentionGoInSmallBatches() {
        informDaily("A", 10); // 20 events, days 0-9
        informDaily("B", 3);  // 6 events, days 0-2
        // 5 days kept: at day 10, events of days 0-4 go (A: 10 rows, B: 6 rows)
        EventRetention retention = new EventRetention(testStore.db(), new EventRetention.Policy(Duration.ofDays(5), 0), 4, 2);
        Instant now = T0.plus(Duration.ofDays(10)).minusSeconds(1);

        EventRetention.Purged first = retention.run(now);
        assertThat(first.tooOld()).as("at most 2 batches of 4 per run").isEqualTo(8);
        assertThat(retention.run(now).tooOld()).isEqualTo(8);
        assertThat(retention.run(now).tooOld()).isEqualTo(0);

        assertThat(keys("A")).containsExactly("day9", "day8", "day7", "day6", "day5");
        assertThat(keys("B")).isEmpty();
        assertThat(devices.find("00D09E-Box-B")).as("the device stays").isPresent();
    }

    @Test
    void aDeviceKeepsItsNewestEventsUpToTheLimit() {
        informDaily("A", 10); // 20 events
        informDaily("B", 2);  // 4 events
        informDaily("C", 4);  // 8 events
        // 2 devices per batch, one batch per run: the sweep takes two runs for three devices, then starts over
        EventRetention retention = new EventRetention(testStore.db(), new EventRetention.Policy(null, 5), 2, 1);

        EventRetention.Purged first = retention.run(T0);
        assertThat(first.devicesChecked()).isEqualTo(2);
        assertThat(first.overLimit()).isEqualTo(15); // A: 20 -> 5; B under the limit
        assertThat(retention.run(T0)).isEqualTo(new EventRetention.Purged(0, 3, 1)); // C: 8 -> 5

        assertThat(devices.events("00D09E-Box-A", 100)).hasSize(5);
        assertThat(keys("A")).containsExactly("day9", "day8", "day7"); // and the two PERIODIC of days 9 and 8
        assertThat(devices.events("00D09E-Box-B", 100)).hasSize(4);
        assertThat(devices.events("00D09E-Box-C", 100)).hasSize(5);

        informDaily("A", 1); // one more
        EventRetention.Purged again = retention.run(T0);
        assertThat(again.devicesChecked()).as("started over at the first device").isEqualTo(2);
        assertThat(again.overLimit()).isEqualTo(2);
    }

    @Test
    void theAcsPurgesOnItsOwnSchedule() {
        informDaily("A", 6); // 12 events
        try (AcsServer acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).stun("127.0.0.1", -1)
                .fileServer("127.0.0.1", -1).database(testStore.db())
                .eventRetention(new EventRetention.Policy(null, 3), Duration.ofMillis(100)).build().start()) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> acs.devices().events("00D09E-Box-A", 100).size() == 3);
            assertThat(keys("A")).as("the newest three: day 5's two events and day 4's M Reboot")
                    .containsExactly("day5", "day4");
        }
    }

    @Test
    void keepAllDeletesNothing() {
        informDaily("A", 3);
        EventRetention retention = new EventRetention(testStore.db(), EventRetention.Policy.KEEP_ALL, 10, 10);
        assertThat(retention.run(T0.plus(Duration.ofDays(10000)))).isEqualTo(new EventRetention.Purged(0, 0, 0));
        assertThat(devices.events("00D09E-Box-A", 100)).hasSize(6);
    }
}

class H2EventRetentionTest extends EventRetentionTest {
    @Override
    String store() {
        return "h2";
    }
}

class PostgresEventRetentionTest extends EventRetentionTest {
    @Override
    String store() {
        return "postgresql";
    }
}
