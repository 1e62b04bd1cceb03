package org.jcwmp.cpe.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void defaultIntervalsDoubleUpToTheTenthRetry() {
        long[][] expected = {
                {5, 10}, {10, 20}, {20, 40}, {40, 80}, {80, 160}, {160, 320}, {320, 640}, {640, 1280},
                {1280, 2560}, {2560, 5120}, {2560, 5120}, {2560, 5120}};
        for (int n = 1; n <= 12; n++) {
            RetryPolicy.Interval i = RetryPolicy.interval(n, 5, 2000);
            assertThat(i.min()).as("min of retry %d", n).isEqualTo(Duration.ofSeconds(expected[n - 1][0]));
            assertThat(i.max()).as("max of retry %d", n).isEqualTo(Duration.ofSeconds(expected[n - 1][1]));
        }
    }

    @Test
    void otherSettings() {
        RetryPolicy.Interval first = RetryPolicy.interval(1, 1, 1000);
        assertThat(first.min()).isEqualTo(Duration.ofSeconds(1));
        assertThat(first.max()).isEqualTo(Duration.ofSeconds(1));
        RetryPolicy.Interval third = RetryPolicy.interval(3, 10, 1500);
        assertThat(third.min()).isEqualTo(Duration.ofMillis(22_500));
        assertThat(third.max()).isEqualTo(Duration.ofMillis(33_750));
        assertThat(RetryPolicy.interval(10, 65535, 65535).max()).isPositive();
    }

    @Test
    void waitsAreRandomWithinTheBounds() {
        Random random = new Random(7);
        for (int n = 1; n <= 12; n++) {
            RetryPolicy.Interval i = RetryPolicy.interval(n, 5, 2000);
            for (int j = 0; j < 200; j++) {
                assertThat(RetryPolicy.waitBefore(n, 5, 2000, random)).isBetween(i.min(), i.max());
            }
        }
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(j -> RetryPolicy.waitBefore(1, 5, 2000, random)).distinct().count())
                .isGreaterThan(10);
    }
}
