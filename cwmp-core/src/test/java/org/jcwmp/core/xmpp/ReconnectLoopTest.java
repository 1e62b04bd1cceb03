package org.jcwmp.core.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconnectLoopTest {
    private static final ServerRetry FAST = new ServerRetry(Duration.ofMillis(20), 2000, Duration.ofMillis(50));

    @Test
    void retriesFailuresThenReconnectsAfterALoss() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> failuresSeen = new CopyOnWriteArrayList<>();
        LinkedBlockingQueue<Integer> connected = new LinkedBlockingQueue<>();
        List<Duration> bounds = new CopyOnWriteArrayList<>();
        ReconnectLoop.Connector connector = failures -> {
            failuresSeen.add(failures);
            int call = calls.incrementAndGet();
            if (call <= 2 || call == 4) {
                throw new IOException("refused " + call);
            }
            connected.add(call);
        };
        ReconnectLoop.Observer observer = new ReconnectLoop.Observer() {
            @Override
            public void attemptFailed(int failuresInARow, Exception e, Duration nextWait) {
                bounds.add(nextWait);
            }
        };
        try (ReconnectLoop loop = new ReconnectLoop("test-link", FAST, connector, observer, new SplittableRandom(1))) {
            loop.start();
            assertThat(connected.poll(5, TimeUnit.SECONDS)).isEqualTo(3);
            loop.lost();
            assertThat(connected.poll(5, TimeUnit.SECONDS)).isEqualTo(5);
        }
        // attempts: 1 fails, 2 fails, 3 up; lost; 4 fails, 5 up
        assertThat(failuresSeen).containsExactly(0, 1, 2, 0, 1);
        // after 1st failure: wait 1 (20 ms); after 2nd: wait 2 (40 ms); after the loss's failed retry: wait 2
        assertThat(bounds).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(40));
    }

    @Test
    void closeStopsAWaitingLoop() throws Exception {
        ServerRetry slow = ServerRetry.ofSeconds(60, 2000, 60);
        AtomicInteger calls = new AtomicInteger();
        ReconnectLoop loop = new ReconnectLoop("test-link", slow, f -> {
            calls.incrementAndGet();
            throw new IOException("down");
        }, null, new SplittableRandom(1));
        loop.start();
        Thread.sleep(50);
        long start = System.nanoTime();
        loop.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(calls.get()).isEqualTo(1);
    }
}
