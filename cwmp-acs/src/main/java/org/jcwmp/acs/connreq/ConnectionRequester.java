package org.jcwmp.acs.connreq;

import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.stun.StunServer;
import org.jcwmp.acs.stun.UdpConnectionRequester;
import org.jcwmp.acs.store.Device;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.udpcr.UdpConnectionRequestAddress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a device to open a session now, with the mechanism it can use: XMPP when it has a JabberID and the ACS's XMPP
 * link is up, else HTTP to its ConnectionRequestURL, else UDP to its STUN binding or UDPConnectionRequestAddress,
 * falling back in that order. It then waits (bounded) for the Inform with 6 CONNECTION REQUEST and reports how long
 * that took.
 */
public final class ConnectionRequester implements AcsListener, AutoCloseable {
    /** Sends an XMPP connection request; implemented by the ACS's XMPP link. */
    public interface XmppSender {
        boolean connected();

        ConnectionRequestOutcome send(String jabberId, String username, String password);

        /**
         * Whether HTTP or UDP may follow this refusal; false when the CPE asked to be tried later (rate limited), since
         * the other mechanisms reach the same CPE and its same limit.
         */
        default boolean fallBackAfter(ConnectionRequestOutcome refused) {
            return true;
        }
    }

    private final HttpConnectionRequester http;
    private final Duration informWait;
    private final String defaultUsername;
    private final String defaultPassword;
    private final Map<String, CompletableFuture<Long>> informWaiters = new ConcurrentHashMap<>();
    private volatile UdpConnectionRequester udp;
    private volatile StunServer stun;
    private volatile XmppSender xmpp;
    private volatile java.util.function.Function<Device, java.util.Optional<String>> xmppRelay = d -> java.util.Optional.empty();

    public ConnectionRequester(Duration timeout, String defaultUsername, String defaultPassword, Duration informWait) {
        this.http = new HttpConnectionRequester(timeout, defaultUsername, defaultPassword);
        this.informWait = informWait;
        this.defaultUsername = defaultUsername;
        this.defaultPassword = defaultPassword;
    }

    /** Enables UDP connection requests, sent from the STUN server's socket. */
    public void useUdp(StunServer stunServer) {
        this.stun = stunServer;
        this.udp = new UdpConnectionRequester(stunServer);
    }

    /** Enables XMPP connection requests. */
    public void useXmpp(XmppSender sender) {
        this.xmpp = sender;
    }

    /**
     * With several ACS nodes: when this node's XMPP link is down (or it has none), relay asks another node whose link is
     * up to send the XMPP connection request; it returns the node asked, or empty when there is none.
     */
    public void relayXmpp(java.util.function.Function<Device, java.util.Optional<String>> relay) {
        this.xmppRelay = relay;
    }

    /** Whether this node can send XMPP connection requests now. */
    public boolean xmppConnected() {
        XmppSender x = xmpp;
        return x != null && x.connected();
    }

    /** Sends the connection request without waiting for the Inform (another node asked for it, and waits itself). */
    public ConnectionRequestOutcome sendNow(Device device) {
        return send(device, false);
    }

    /** The device Informed with 6 CONNECTION REQUEST on another ACS node. */
    public void informedElsewhere(String deviceId) {
        CompletableFuture<Long> waiter = informWaiters.get(deviceId);
        if (waiter != null) {
            waiter.complete(System.nanoTime());
        }
    }

    /** Never throws; the outcome says which mechanisms were tried and what happened. */
    public ConnectionRequestOutcome request(Device device) {
        CompletableFuture<Long> inform = new CompletableFuture<>();
        informWaiters.put(device.id(), inform);
        try {
            long start = System.nanoTime();
            ConnectionRequestOutcome outcome = send(device, true);
            if (!outcome.delivered() || informWait.isZero()) {
                return outcome;
            }
            try {
                long at = inform.get(informWait.toMillis(), TimeUnit.MILLISECONDS);
                return outcome.withInformAfter(Duration.ofNanos(at - start));
            } catch (TimeoutException e) {
                return new ConnectionRequestOutcome(outcome.mechanism(), outcome.delivered(),
                        outcome.detail() + "; no Inform with 6 CONNECTION REQUEST within " + informWait.toMillis() + " ms",
                        outcome.elapsed());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome;
            } catch (ExecutionException e) {
                return outcome;
            }
        } finally {
            informWaiters.remove(device.id(), inform);
        }
    }

    private ConnectionRequestOutcome send(Device device, boolean mayRelay) {
        List<String> tried = new ArrayList<>();
        ConnectionRequestOutcome last = null;
        XmppSender x = xmpp;
        if (mayRelay && present(device.jabberId()) && (x == null || !x.connected())) {
            long start = System.nanoTime();
            java.util.Optional<String> asked = xmppRelay.apply(device);
            if (asked.isPresent()) {
                return withTried(new ConnectionRequestOutcome("xmpp", true, "asked ACS node " + asked.get()
                        + ", whose XMPP link is up, to send it", Duration.ofNanos(System.nanoTime() - start)), tried);
            }
        }
        if (present(device.jabberId()) && x != null) {
            if (x.connected()) {
                last = x.send(device.jabberId(), user(device), password(device));
                if (last.delivered()) {
                    return withTried(last, tried);
                }
                if (!x.fallBackAfter(last)) {
                    return withTried(new ConnectionRequestOutcome(last.mechanism(), false,
                            last.detail() + "; the CPE asks to be tried later, so no other mechanism either",
                            last.elapsed()), tried);
                }
                tried.add("xmpp: " + last.detail());
            } else {
                tried.add("xmpp: the ACS is not connected to its XMPP server");
            }
        }
        if (present(device.connectionRequestUrl())) {
            last = http.request(device);
            if (last.delivered()) {
                return withTried(last, tried);
            }
            tried.add("http: " + last.detail());
        }
        InetSocketAddress target = udpTarget(device);
        if (target != null && udp != null) {
            long start = System.nanoTime();
            try {
                udp.send(target, user(device), password(device));
                return withTried(new ConnectionRequestOutcome("udp", true, "sent to " + UdpConnectionRequestAddress.format(target),
                        Duration.ofNanos(System.nanoTime() - start)), tried);
            } catch (IOException | RuntimeException e) {
                tried.add("udp: " + e.getMessage());
                last = new ConnectionRequestOutcome("udp", false, e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
            }
        }
        if (last == null) {
            return new ConnectionRequestOutcome("none", false,
                    "the device reported no ConnectionRequestURL, UDPConnectionRequestAddress or JabberID the ACS can use",
                    Duration.ZERO);
        }
        return new ConnectionRequestOutcome(last.mechanism(), false, String.join("; ", tried), last.elapsed());
    }

    /** The device's live STUN binding, else the UDPConnectionRequestAddress it reported. */
    private InetSocketAddress udpTarget(Device device) {
        StunServer s = stun;
        if (s != null && present(device.stunUsername())) {
            var binding = s.binding(device.stunUsername());
            if (binding.isPresent()) {
                return binding.get().publicAddress();
            }
        }
        if (!present(device.udpConnectionRequestAddress())) {
            return null;
        }
        try {
            return UdpConnectionRequestAddress.parse(device.udpConnectionRequestAddress());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ConnectionRequestOutcome withTried(ConnectionRequestOutcome o, List<String> tried) {
        if (tried.isEmpty()) {
            return o;
        }
        return new ConnectionRequestOutcome(o.mechanism(), o.delivered(),
                String.join("; ", tried) + "; " + o.mechanism() + ": " + o.detail(), o.elapsed());
    }

    private String user(Device d) {
        return d.connectionRequestUsername() != null ? d.connectionRequestUsername() : defaultUsername;
    }

    private String password(Device d) {
        return d.connectionRequestPassword() != null ? d.connectionRequestPassword() : defaultPassword;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public void informed(Device device, Inform inform) {
        CompletableFuture<Long> waiter = informWaiters.get(device.id());
        if (waiter != null) {
            for (EventStruct e : inform.event()) {
                if (EventCode.CONNECTION_REQUEST.equals(e.eventCode())) {
                    waiter.complete(System.nanoTime());
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
