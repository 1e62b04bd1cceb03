package org.jcwmp.acs.stun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jcwmp.core.stun.BindingChange;
import org.jcwmp.core.stun.ChangeRequest;
import org.jcwmp.core.stun.ConnectionRequestBinding;
import org.jcwmp.core.stun.ErrorCode;
import org.jcwmp.core.stun.MappedAddress;
import org.jcwmp.core.stun.MessageIntegrity;
import org.jcwmp.core.stun.ReflectedFrom;
import org.jcwmp.core.stun.ResponseAddress;
import org.jcwmp.core.stun.SourceAddress;
import org.jcwmp.core.stun.StunAttribute;
import org.jcwmp.core.stun.StunCodec;
import org.jcwmp.core.stun.StunException;
import org.jcwmp.core.stun.StunMessage;
import org.jcwmp.core.stun.StunMessageType;
import org.jcwmp.core.stun.UnknownAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACS's STUN server (classic RFC 3489 with TR-111 part 2) on one UDP socket. It answers Binding Requests with
 * MAPPED-ADDRESS, and when a request carries CONNECTION-REQUEST-BINDING it learns the CPE's binding (the request's
 * source address) under the request's USERNAME, the device's STUNUsername. UDP connection requests go out from the
 * same socket ({@link UdpConnectionRequester}), so that a NAT which only lets in what comes from where the CPE sent
 * to passes them.
 *
 * <p>Credentials are per device: {@code passwordOfStunUser} gives the STUNPassword for a STUNUsername.
 * <ul>
 *   <li>known user, no MESSAGE-INTEGRITY: 401 Unauthorized (the CPE retries with it); wrong one: 431 Integrity
 *       Check Failure; MESSAGE-INTEGRITY without USERNAME: 432; for a user without a password: 430 Stale Credentials;
 *       a good one is answered, with MESSAGE-INTEGRITY in the response too;</li>
 *   <li>empty or absent USERNAME: answered without integrity, nothing learned (the ACS still has the CPE's
 *       UDPConnectionRequestAddress from its Inform);</li>
 *   <li>a user without a password and no MESSAGE-INTEGRITY: answered, and learned when {@code learnUnknownUsers}
 *       (the default), since such a device simply has no STUN credentials the ACS knows.</li>
 * </ul>
 *
 * <p>With one address and port the server cannot honour a CHANGE-REQUEST that asks for another: such requests get
 * no answer, which a NAT-type test reads as filtering, the cautious conclusion. RESPONSE-ADDRESS is honoured for
 * authenticated requests and for the requester's own IP (TR-111's binding-lifetime test from a second port);
 * anything else would let anyone aim our answers at a third party, so it is dropped.
 *
 * <pre>{@code
 * StunServer stun = StunServer.builder()
 *         .bindAddress("0.0.0.0", 3478)
 *         .passwordOfStunUser(user -> store.stunPasswordOf(user))
 *         .bindingListener((user, address, changed) -> store.saveBinding(user, address))
 *         .build();
 * stun.start();
 * }</pre>
 */
public final class StunServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 3478;
    private static final Logger log = LoggerFactory.getLogger(StunServer.class);
    /** Binding Requests are small; anything longer than an Ethernet frame is not one we answer. */
    private static final int RECEIVE_BUFFER = 1500;

    private final String host;
    private final int port;
    private final Function<String, String> passwordOfStunUser;
    private final BindingListener listener;
    private final boolean learnUnknownUsers;
    private final int maxBindings;
    private final Clock clock;
    private final Map<String, StunBinding> bindings = new ConcurrentHashMap<>();
    private volatile DatagramSocket socket;
    private Thread receiver;

    private StunServer(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.passwordOfStunUser = b.passwordOfStunUser;
        this.listener = b.listener;
        this.learnUnknownUsers = b.learnUnknownUsers;
        this.maxBindings = b.maxBindings;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the socket and starts answering. */
    public synchronized void start() throws IOException {
        if (socket != null) {
            throw new IllegalStateException("already started");
        }
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), port));
        socket = s;
        receiver = Thread.ofPlatform().daemon().name("stun-server-" + s.getLocalPort()).start(() -> receive(s));
        log.info("STUN server on {}", s.getLocalSocketAddress());
    }

    /** The address the socket is bound to (the real port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        DatagramSocket s = requireStarted();
        return (InetSocketAddress) s.getLocalSocketAddress();
    }

    /** The binding learned for a STUNUsername, if any, however old. */
    public Optional<StunBinding> binding(String stunUsername) {
        return Optional.ofNullable(bindings.get(stunUsername));
    }

    /** A snapshot of every binding this server knows. */
    public Collection<StunBinding> bindings() {
        return List.copyOf(bindings.values());
    }

    /** Sends from the STUN socket (for UDP connection requests). */
    void send(byte[] datagram, InetSocketAddress to) throws IOException {
        requireStarted().send(new DatagramPacket(datagram, datagram.length, to));
    }

    private DatagramSocket requireStarted() {
        DatagramSocket s = socket;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        return s;
    }

    private void receive(DatagramSocket s) {
        byte[] buffer = new byte[RECEIVE_BUFFER];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!s.isClosed()) {
            try {
                packet.setLength(buffer.length);
                s.receive(packet);
                handle(s, buffer, packet.getLength(), (InetSocketAddress) packet.getSocketAddress());
            } catch (SocketException e) {
                if (!s.isClosed()) {
                    log.warn("STUN socket failed", e);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("STUN request handling failed", e); // one bad datagram must not stop the server
            }
        }
    }

    private void handle(DatagramSocket s, byte[] buf, int len, InetSocketAddress source) throws IOException {
        if (!StunCodec.looksLikeStun(buf, 0, len)) {
            return;
        }
        StunMessage request;
        try {
            request = StunCodec.decode(buf, 0, len);
        } catch (StunException e) {
            log.debug("dropped from {}: {}", source, e.getMessage());
            return;
        }
        if (request.type() != StunMessageType.BINDING_REQUEST) {
            return; // responses are not ours to answer; Shared Secret Requests need TLS, which TR-111 does not use
        }
        List<Integer> unknown = request.unknownRequiredAttributes();
        if (!unknown.isEmpty()) {
            answer(s, StunMessage.bindingErrorResponse(request.transactionId(), ErrorCode.UNKNOWN_ATTRIBUTE,
                    new UnknownAttributes(unknown)), null, source);
            return;
        }
        String user = request.username();
        String password;
        try {
            password = user.isEmpty() ? null : passwordOfStunUser.apply(user);
        } catch (RuntimeException e) {
            log.warn("STUN password lookup for {} failed", user, e);
            answer(s, StunMessage.bindingErrorResponse(request.transactionId(), ErrorCode.SERVER_ERROR), null, source);
            return;
        }
        boolean authenticated = false;
        if (request.has(MessageIntegrity.class)) {
            ErrorCode refusal = null;
            if (user.isEmpty()) {
                refusal = ErrorCode.MISSING_USERNAME;
            } else if (password == null) {
                refusal = ErrorCode.STALE_CREDENTIALS;
            } else {
                try {
                    if (MessageIntegrity.check(buf, 0, len, password) != MessageIntegrity.Check.VALID) {
                        refusal = ErrorCode.INTEGRITY_CHECK_FAILURE;
                    }
                } catch (StunException e) {
                    return; // decoded above, so not reached
                }
            }
            if (refusal != null) {
                log.debug("refused {} from {}: {}", user, source, refusal.code());
                answer(s, StunMessage.bindingErrorResponse(request.transactionId(), refusal), null, source);
                return;
            }
            authenticated = true;
        } else if (password != null) {
            answer(s, StunMessage.bindingErrorResponse(request.transactionId(), ErrorCode.UNAUTHORIZED), null, source);
            return;
        }

        if (request.attribute(ChangeRequest.class).map(c -> !c.changesNothing()).orElse(false)) {
            return; // one address, one port: we cannot answer from another (see the class comment)
        }
        InetSocketAddress destination = source;
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(new MappedAddress(source));
        InetSocketAddress local = (InetSocketAddress) s.getLocalSocketAddress();
        if (!local.getAddress().isAnyLocalAddress()) {
            attributes.add(new SourceAddress(local));
        }
        Optional<ResponseAddress> responseAddress = request.attribute(ResponseAddress.class);
        if (responseAddress.isPresent()) {
            InetSocketAddress to = responseAddress.get().address();
            if (!authenticated && !to.getAddress().equals(source.getAddress())) {
                log.debug("dropped from {}: RESPONSE-ADDRESS {} elsewhere without integrity", source, to);
                return;
            }
            destination = to;
            attributes.add(new ReflectedFrom(source));
        }
        // Learned before answering, so that the binding is known by the time the CPE acts on the answer.
        if (request.has(ConnectionRequestBinding.class) && !user.isEmpty() && (authenticated || learnUnknownUsers)) {
            learn(user, source, request.has(BindingChange.class), authenticated);
        }
        answer(s, StunMessage.bindingResponse(request.transactionId(), attributes.toArray(StunAttribute[]::new)),
                authenticated ? password : null, destination);
    }

    private void answer(DatagramSocket s, StunMessage response, String password, InetSocketAddress to)
            throws IOException {
        byte[] out = StunCodec.encode(response, password);
        s.send(new DatagramPacket(out, out.length, to));
    }

    private void learn(String user, InetSocketAddress address, boolean bindingChange, boolean authenticated) {
        Instant now = clock.instant();
        StunBinding previous = bindings.get(user);
        if (previous == null && bindings.size() >= maxBindings && !evictStale()) {
            log.warn("STUN binding of {} not kept: {} bindings already", user, maxBindings);
            return;
        }
        boolean moved = previous != null && !previous.publicAddress().equals(address);
        Instant since = previous == null || moved ? now : previous.since();
        bindings.put(user, new StunBinding(user, address, since, now, authenticated));
        if (previous == null || moved || bindingChange) {
            try {
                listener.bindingLearned(user, address, moved || bindingChange);
            } catch (RuntimeException e) {
                log.warn("binding listener failed", e);
            }
        }
    }

    /** Drops the tenth of the bindings seen longest ago; true when room was made. */
    private boolean evictStale() {
        List<StunBinding> all = new ArrayList<>(bindings.values());
        all.sort((a, b) -> a.lastSeen().compareTo(b.lastSeen()));
        for (StunBinding b : all.subList(0, Math.max(1, all.size() / 10))) {
            bindings.remove(b.stunUsername(), b);
        }
        return bindings.size() < maxBindings;
    }

    /** Closes the socket; idempotent. */
    @Override
    public synchronized void close() {
        DatagramSocket s = socket;
        if (s != null) {
            s.close();
            try {
                receiver.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Configures a {@link StunServer}. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private Function<String, String> passwordOfStunUser = user -> null;
        private BindingListener listener = (user, address, changed) -> { };
        private boolean learnUnknownUsers = true;
        private int maxBindings = 1_000_000;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The address and port to bind; default 0.0.0.0:3478; port 0 takes a free one. */
        public Builder bindAddress(String host, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.host = Objects.requireNonNull(host);
            this.port = port;
            return this;
        }

        /** The STUNPassword for a STUNUsername, null when the ACS has none for it. Called per request: keep it fast. */
        public Builder passwordOfStunUser(Function<String, String> passwordOfStunUser) {
            this.passwordOfStunUser = Objects.requireNonNull(passwordOfStunUser);
            return this;
        }

        public Builder bindingListener(BindingListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * Whether to learn bindings of users the ACS has no password for (default true). Without integrity anyone
         * can claim such a name; the harm is bounded because UDP connection requests are signed by the CPE's own
         * credentials, but set false when every device has STUN credentials.
         */
        public Builder learnUnknownUsers(boolean learn) {
            this.learnUnknownUsers = learn;
            return this;
        }

        /** At most this many bindings in memory (default one million); the stalest are dropped first. */
        public Builder maxBindings(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxBindings " + max);
            }
            this.maxBindings = max;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public StunServer build() {
            return new StunServer(this);
        }
    }
}
