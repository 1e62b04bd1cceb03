package org.jcwmp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.store.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backpressure (issue 8): an ACS that allows few sessions at once turns a boot storm away with 503 and Retry-After
 * instead of slowing every session down; the simulated CPEs come back when told, and every device's 0 BOOTSTRAP and
 * 1 BOOT are recorded in the end.
 */
@Timeout(120)
class BackpressureTest {
    private static final int DEVICES = 150;

    @TempDir
    Path dir;
    private AcsServer acs;
    private Fleet fleet;

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        acs.stop();
    }

    @Test
    void aBootStormBeyondTheSessionLimitIsTurnedAwayAndLosesNoEvent() {
        AtomicInteger refused = new AtomicInteger();
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).stun("127.0.0.1", -1).dataDirectory(dir)
                .cpeCredentials("cpe", "cpe-secret").connectionRequestCredentials("acs", "cr-secret")
                .maxSessions(4, 1).build().start();
        acs.addListener(new AcsListener() {
            @Override
            public void sessionRefused() {
                refused.incrementAndGet();
            }
        });
        fleet = Fleet.builder().acsUrl(URI.create(acs.cwmpUrl())).devices(DEVICES).acsCredentials("cpe", "cpe-secret")
                .connectionRequestCredentials("acs", "cr-secret").bootStorm(true).maxConcurrentSessions(48)
                .build().start();

        await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(250))
                .until(() -> fleet.bootstrapped() == DEVICES);

        assertThat(refused.get()).as("the storm met the limit").isPositive();
        assertThat(fleet.stats().failed.sum()).isGreaterThanOrEqualTo(refused.get());
        for (int i = 0; i < DEVICES; i++) {
            String id = fleet.device(i).deviceId();
            assertThat(acs.devices().events(id, 20)).extracting(StoredEvent::eventCode).as(id)
                    .contains("0 BOOTSTRAP", "1 BOOT");
        }
        System.out.printf("boot storm of %d devices against 4 sessions at once: %d sessions turned away with 503%n",
                DEVICES, refused.get());
    }
}
