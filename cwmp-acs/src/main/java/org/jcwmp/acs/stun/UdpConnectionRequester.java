package org.jcwmp.acs.stun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jcwmp.core.udpcr.UdpConnectionRequest;
import org.jcwmp.core.udpcr.UdpConnectionRequestAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends UDP connection requests (TR-069 Annex G) from the STUN server's socket: a fresh signed message (ts now, a
 * random id and cnonce), the same datagram a few times because UDP may lose it (the CPE takes the first and refuses
 * the copies by their ts and id).
 *
 * <p>A CPE accepts only a ts newer than the last one it accepted, and ts counts seconds; so two requests to one
 * target within a second would see the second dropped. For those the ts is raised to one past the previous
 * request's to that target; CPEs do not compare ts with their own clocks, so running a few seconds ahead during a
 * burst is harmless, and time catches up.
 *
 * <p>Thread-safe.
 */
public final class UdpConnectionRequester {
    public static final int DEFAULT_COPIES = 3;
    public static final Duration DEFAULT_GAP = Duration.ofMillis(50);
    private static final Logger log = LoggerFactory.getLogger(UdpConnectionRequester.class);
    /** Above this many remembered targets, those whose last ts is in the past are forgotten. */
    private static final int PRUNE_ABOVE = 10_000;

    private final StunServer server;
    private final int copies;
    private final Duration gap;
    private final Clock clock;
    private final Map<InetSocketAddress, Long> lastTs = new ConcurrentHashMap<>();

    /** Three copies, 50 ms apart (0, 50, 100 ms). */
    public UdpConnectionRequester(StunServer server) {
        this(server, DEFAULT_COPIES, DEFAULT_GAP, Clock.systemUTC());
    }

    /**
     * @param copies 1 to 10 datagrams per request
     * @param gap    between copies, at most one second
     */
    public UdpConnectionRequester(StunServer server, int copies, Duration gap, Clock clock) {
        if (copies < 1 || copies > 10) {
            throw new IllegalArgumentException("copies " + copies + " not in 1..10");
        }
        if (gap.isNegative() || gap.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("gap " + gap + " not in 0..1 s");
        }
        this.server = Objects.requireNonNull(server);
        this.copies = copies;
        this.gap = gap;
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Signs a request with the CPE's ConnectionRequestUsername and Password and sends it to {@code target}. The
     * first copy has left when this returns; the others follow on a virtual thread.
     *
     * @throws IOException when the first copy cannot be sent (the server is closed, the address is unusable)
     */
    public UdpConnectionRequestSent send(InetSocketAddress target, String username, String password)
            throws IOException {
        Objects.requireNonNull(target, "target");
        if (target.isUnresolved()) {
            throw new IOException("unresolved address " + target);
        }
        Instant now = clock.instant();
        long ts = nextTs(target, now.getEpochSecond());
        UdpConnectionRequest request = UdpConnectionRequest.create(UdpConnectionRequestAddress.format(target), ts,
                Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"));
        byte[] datagram = request.toDatagram();
        server.send(datagram, target);
        if (copies > 1) {
            Thread.ofVirtual().name("udp-cr-copies").start(() -> sendCopies(datagram, target));
        }
        return new UdpConnectionRequestSent(target, request, now, copies);
    }

    private long nextTs(InetSocketAddress target, long nowSeconds) {
        if (lastTs.size() > PRUNE_ABOVE) {
            lastTs.values().removeIf(ts -> ts < nowSeconds);
        }
        return lastTs.merge(target, nowSeconds, (previous, now) -> Math.max(now, previous + 1));
    }

    private void sendCopies(byte[] datagram, InetSocketAddress target) {
        try {
            for (int i = 1; i < copies; i++) {
                Thread.sleep(gap);
                server.send(datagram, target);
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("copy of a UDP connection request to {} not sent: {}", target, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
