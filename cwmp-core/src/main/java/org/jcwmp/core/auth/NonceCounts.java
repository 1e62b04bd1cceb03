package org.jcwmp.core.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The nonce counts (nc) a Digest server has accepted, so that a captured answer cannot be replayed: each nonce in use
 * remembers the highest count it was used with, and a later answer must carry a higher one (RFC 7616 3.4). An answer
 * without a count (RFC 2069) uses its nonce once. Entries leave once their nonce has expired, when it is refused
 * anyway; until then each costs about 150 bytes.
 */
final class NonceCounts {
    /** Expired nonces are swept after this many new ones. */
    private static final int SWEEP_EVERY = 4_096;

    private record Use(long issuedMillis, long count) {
    }

    private final ConcurrentHashMap<String, Use> uses = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();

    /**
     * True when the nonce has not been used with this count or a higher one (and records it), false for a replay.
     *
     * @param count the answer's nc, or -1 when it has none
     * @param expiredBefore nonces issued before this instant (epoch millis) have expired and are forgotten
     */
    boolean accept(String nonce, long count, long issuedMillis, long expiredBefore) {
        boolean[] accepted = {false};
        uses.compute(nonce, (k, previous) -> {
            if (previous == null || (count >= 0 && count > previous.count())) {
                accepted[0] = true;
                return new Use(issuedMillis, count);
            }
            return previous;
        });
        if (accepted[0] && sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            sinceSweep.set(0);
            uses.values().removeIf(u -> u.issuedMillis() < expiredBefore);
        }
        return accepted[0];
    }

    /** Nonces remembered now. */
    int size() {
        return uses.size();
    }
}
