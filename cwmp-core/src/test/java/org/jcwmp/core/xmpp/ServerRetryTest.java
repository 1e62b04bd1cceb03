package org.jcwmp.core.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ServerRetryTest {
    @Test
    void theDefaultsGiveTheBoundsListedInTr181() {
        // ServerConnectAttempts: "{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 512, ...}" minutes.
        long[] minutes = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 512, 512, 512, 512, 512};
        for (int n = 1; n <= minutes.length; n++) {
            assertThat(ServerRetry.DEFAULT.maxWait(n)).as("wait %d", n).isEqualTo(Duration.ofMinutes(minutes[n - 1]));
        }
    }

    @Test
    void waitsAreRandomBetweenZeroAndTheBound() {
        ServerRetry retry = ServerRetry.ofSeconds(10, 1500, 30);
        RandomGenerator random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long w = retry.waitBefore(2, random).toMillis();
            min = Math.min(min, w);
            max = Math.max(max, w);
        }
        assertThat(min).isBetween(0L, 200L);
        assertThat(max).isBetween(14_800L, 15_000L);
        assertThat(retry.maxWait(3)).isEqualTo(Duration.ofMillis(22_500));
        assertThat(retry.maxWait(4)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void hugeExponentsStayAtTheCap() {
        ServerRetry retry = ServerRetry.ofSeconds(65535, 65535, 1_000_000);
        assertThat(retry.maxWait(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1_000_000));
    }

    @Test
    void refusesOutOfRangeSettings() {
        assertThatThrownBy(() -> ServerRetry.ofSeconds(0, 2000, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerRetry.ofSeconds(1, 999, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerRetry.DEFAULT.maxWait(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
