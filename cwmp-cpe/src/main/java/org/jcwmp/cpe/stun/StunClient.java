package org.jcwmp.cpe.stun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jcwmp.core.stun.BindingChange;
import org.jcwmp.core.stun.ConnectionRequestBinding;
import org.jcwmp.core.stun.ErrorCode;
import org.jcwmp.core.stun.MappedAddress;
import org.jcwmp.core.stun.MessageIntegrity;
import org.jcwmp.core.stun.StunAttribute;
import org.jcwmp.core.stun.StunCodec;
import org.jcwmp.core.stun.StunException;
import org.jcwmp.core.stun.StunMessage;
import org.jcwmp.core.stun.StunMessageType;
import org.jcwmp.core.stun.TransactionId;
import org.jcwmp.core.stun.Username;
import org.jcwmp.core.udpcr.UdpConnectionRequest;
import org.jcwmp.core.udpcr.UdpConnectionRequestException;
import org.jcwmp.core.udpcr.UdpConnectionRequestVerifier;
import org.jcwmp.core.udpcr.UdpConnectionRequestVerifier.Verdict;
import org.jcwmp.cpe.connreq.RateLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPE's STUN client and UDP connection request listener (TR-111 part 2, TR-069 Annex G), on one UDP socket:
 * the NAT binding that carries the Binding Requests out is the one connection requests come in through.
 *
 * <ul>
 *   <li>Every keep-alive period it sends a Binding Request with CONNECTION-REQUEST-BINDING (and USERNAME when
 *       STUNUsername is set), retransmitted as RFC 3489 says; a 401 answer makes it resend with MESSAGE-INTEGRITY,
 *       and from then on every request carries it.</li>
 *   <li>MAPPED-ADDRESS is the public binding; NATDetected when it is not this host's address and port.</li>
 *   <li>When the binding moves it sends a Binding Request with BINDING-CHANGE at once and reports the new binding;
 *       the first binding is reported too.</li>
 *   <li>Datagrams that are not STUN (STUN's first byte is 0x00 or 0x01) are read as UDP connection requests and
 *       checked with {@link UdpConnectionRequestVerifier}; copies of the last accepted one are ignored quietly,
 *       others refused, accepted ones rate-limited. Nothing is ever answered over UDP.</li>
 * </ul>
 *
 * <p>A change of STUNServerAddress, STUNServerPort, STUNUsername, STUNPassword, the keep-alive period or
 * STUNEnable means closing this client and starting a new one; connection request credentials are read per request.
 */
public final class StunClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StunClient.class);
    private static final int RECEIVE_BUFFER = 4096;

    private final StunClientConfig config;
    private final StunClientListener listener;
    private final UdpConnectionRequestVerifier verifier;
    private final RateLimit rateLimit;
    private final Map<TransactionId, Pending> pending = new ConcurrentHashMap<>();
    private DatagramSocket socket;
    private Thread receiver;
    private ScheduledExecutorService keepAlive;
    private volatile NatBinding binding;
    private volatile boolean integrityRequired;
    private volatile boolean closed;

    private record Pending(CompletableFuture<StunMessage> response, String password) {
    }

    public StunClient(StunClientConfig config, StunClientListener listener) {
        this(config, listener, new UdpConnectionRequestVerifier());
    }

    /** With a verifier restored from saved state, so that requests accepted before a restart stay refused. */
    public StunClient(StunClientConfig config, StunClientListener listener, UdpConnectionRequestVerifier verifier) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.rateLimit = new RateLimit(config.maxConnectionRequestsPerSecond(), Duration.ofSeconds(1));
    }

    /**
     * Binds the socket and starts: the first Binding Request goes out at once.
     *
     * @throws IOException when the local address cannot be bound
     */
    public synchronized void start() throws IOException {
        if (socket != null) {
            throw new IllegalStateException("a STUN client starts once; build a new one");
        }
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(config.localHost()),
                config.localPort()));
        socket = s;
        String name = "stun-client-" + s.getLocalPort();
        receiver = Thread.ofPlatform().daemon().name(name).start(() -> receive(s));
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().daemon().name(name + "-keepalive").unstarted(r));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        keepAlive = executor;
        keepAlive.scheduleWithFixedDelay(this::keepAlive, 0, config.keepAlivePeriod().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The socket's address: the port connection requests arrive on. */
    public InetSocketAddress localAddress() {
        DatagramSocket s = socket;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) s.getLocalSocketAddress();
    }

    /** The binding learned last, if any. */
    public Optional<NatBinding> binding() {
        return Optional.ofNullable(binding);
    }

    /** The verifier's state, to persist (last accepted ts and id). */
    public UdpConnectionRequestVerifier verifier() {
        return verifier;
    }

    // ---- STUN ----

    private void keepAlive() {
        try {
            StunMessage response = bind(false);
            if (response == null) {
                return;
            }
            InetSocketAddress mapped = response.attribute(MappedAddress.class).get().address();
            InetSocketAddress local = localAddress();
            NatBinding next = new NatBinding(mapped, local, natDetected(mapped, local));
            NatBinding previous = binding;
            binding = next;
            InetSocketAddress before = previous != null ? previous.publicAddress() : config.knownBinding();
            boolean moved = before != null && !before.equals(mapped);
            if (moved) {
                log.info("STUN binding moved from {} to {}", before, mapped);
                bind(true); // TR-111: tell the server at once
            }
            if (previous == null || moved || previous.natDetected() != next.natDetected()) {
                listener.bindingChanged(next);
            }
        } catch (RuntimeException e) {
            log.warn("STUN keep-alive failed", e); // an exception would end the schedule
        }
    }

    /** One Binding Request transaction with the 401 round; null (and reported) when it failed. */
    private StunMessage bind(boolean bindingChange) {
        InetSocketAddress server = new InetSocketAddress(config.serverHost(), config.serverPort());
        if (server.isUnresolved()) {
            return failed("cannot resolve the STUN server " + config.serverHost());
        }
        boolean withUsername = !config.username().isEmpty();
        StunMessage response = transact(server, bindingChange, withUsername && integrityRequired);
        if (response != null && response.type() == StunMessageType.BINDING_ERROR_RESPONSE
                && response.attribute(ErrorCode.class).map(ErrorCode::code).orElse(0) == 401
                && withUsername && !integrityRequired) {
            integrityRequired = true;
            response = transact(server, bindingChange, true);
        }
        if (response == null) {
            return failed("no answer from the STUN server " + server);
        }
        if (response.type() == StunMessageType.BINDING_ERROR_RESPONSE) {
            ErrorCode e = response.attribute(ErrorCode.class).orElse(ErrorCode.SERVER_ERROR);
            if (e.code() == 430) {
                integrityRequired = false; // the server no longer has credentials for us: ask plainly next time
            }
            return failed("the STUN server refused: " + e.code() + " " + e.reason());
        }
        if (!response.has(MappedAddress.class)) {
            return failed("the STUN server's answer has no MAPPED-ADDRESS");
        }
        return response;
    }

    private StunMessage failed(String reason) {
        if (!closed) {
            log.info("STUN: {}", reason);
            listener.stunFailed(reason);
        }
        return null;
    }

    /** Sends a request and waits, retransmitting at 100, 200, 400, 800, 1600, 1600 ... ms (RFC 3489 9.3). */
    private StunMessage transact(InetSocketAddress server, boolean bindingChange, boolean withIntegrity) {
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(new ConnectionRequestBinding());
        if (bindingChange) {
            attributes.add(new BindingChange());
        }
        if (!config.username().isEmpty()) {
            attributes.add(new Username(config.username()));
        }
        StunMessage request = StunMessage.bindingRequest(attributes.toArray(StunAttribute[]::new));
        String password = withIntegrity ? config.password() : null;
        byte[] datagram = StunCodec.encode(request, password);
        Pending p = new Pending(new CompletableFuture<>(), password);
        pending.put(request.transactionId(), p);
        try {
            long wait = config.initialRetransmission().toMillis();
            long maxWait = wait * 16;
            for (int i = 0; i < config.maxRequests() && !closed; i++) {
                try {
                    socket.send(new DatagramPacket(datagram, datagram.length, server));
                } catch (IOException e) {
                    log.debug("STUN request not sent: {}", e.toString()); // counts as a lost one
                }
                try {
                    return p.response().get(wait, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    wait = Math.min(wait * 2, maxWait);
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pending.remove(request.transactionId());
        }
    }

    private static boolean natDetected(InetSocketAddress mapped, InetSocketAddress local) {
        if (mapped.getPort() != local.getPort()) {
            return true;
        }
        if (!local.getAddress().isAnyLocalAddress()) {
            return !mapped.getAddress().equals(local.getAddress());
        }
        try {
            return NetworkInterface.getByInetAddress(mapped.getAddress()) == null;
        } catch (SocketException e) {
            return true;
        }
    }

    // ---- receiving ----

    private void receive(DatagramSocket s) {
        byte[] buffer = new byte[RECEIVE_BUFFER];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!s.isClosed()) {
            try {
                packet.setLength(buffer.length);
                s.receive(packet);
                if (StunCodec.looksLikeStun(buffer, 0, packet.getLength())) {
                    stunReceived(buffer, packet.getLength());
                } else {
                    connectionRequestReceived(buffer, packet.getLength(), packet.getSocketAddress().toString());
                }
            } catch (SocketException e) {
                if (!s.isClosed()) {
                    log.warn("STUN client socket failed", e);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("datagram handling failed", e); // one bad datagram must not stop the listener
            }
        }
    }

    private void stunReceived(byte[] buf, int len) {
        StunMessage m;
        try {
            m = StunCodec.decode(buf, 0, len);
            Pending p = pending.get(m.transactionId());
            if (p == null || m.type().isRequest()) {
                return; // late, foreign, or not an answer
            }
            if (p.password() != null && m.has(MessageIntegrity.class)
                    && MessageIntegrity.check(buf, 0, len, p.password()) != MessageIntegrity.Check.VALID) {
                log.info("STUN answer with a wrong MESSAGE-INTEGRITY dropped");
                return;
            }
            p.response().complete(m);
        } catch (StunException e) {
            log.debug("STUN datagram dropped: {}", e.getMessage());
        }
    }

    private void connectionRequestReceived(byte[] buf, int len, String from) {
        UdpConnectionRequest request;
        try {
            request = UdpConnectionRequest.parse(buf, 0, len);
        } catch (UdpConnectionRequestException e) {
            refused("not a UDP connection request from " + from + ": " + e.getMessage());
            return;
        }
        Verdict verdict = verifier.verify(request, config.connectionRequestPasswordOf());
        if (verdict == Verdict.STALE_TIMESTAMP && verifier.lastAcceptedId().orElse("").equals(request.id())) {
            return; // one of the copies the ACS sends of every request
        }
        if (!verdict.accepted()) {
            refused("UDP connection request from " + from + " refused: " + verdict);
            return;
        }
        if (!rateLimit.tryAcquire()) {
            refused("UDP connection request from " + from + " dropped: more than "
                    + config.maxConnectionRequestsPerSecond() + " per second");
            return;
        }
        log.info("UDP connection request from {} accepted", from);
        listener.connectionRequest();
    }

    private void refused(String reason) {
        log.info(reason);
        listener.connectionRequestRefused(reason);
    }

    /** Stops keep-alives and closes the socket; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (keepAlive != null) {
            keepAlive.shutdownNow();
        }
        if (socket != null) {
            socket.close();
        }
        try {
            if (keepAlive != null) {
                keepAlive.awaitTermination(2, TimeUnit.SECONDS);
            }
            if (receiver != null) {
                receiver.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
