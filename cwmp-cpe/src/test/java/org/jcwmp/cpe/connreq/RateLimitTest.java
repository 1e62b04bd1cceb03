package org.jcwmp.cpe.connreq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    @Test
    void slidingWindow() {
        AtomicLong now = new AtomicLong();
        RateLimit limit = new RateLimit(3, Duration.ofSeconds(1), now::get);
        assertThat(limit.tryAcquire()).isTrue();
        now.addAndGet(400_000_000);
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
        now.addAndGet(600_000_000); // the first permit leaves the window
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
    }
}
