package org.jcwmp.cpe.stun;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the CPE's STUN client runs, from the ManagementServer parameters of TR-069 / TR-111.
 *
 * @param serverHost                   STUNServerAddress; when that parameter is empty the caller passes the ACS URL's
 *                                     host ({@link #serverHostFor})
 * @param serverPort                   STUNServerPort (3478 by default)
 * @param username                     STUNUsername; empty means no USERNAME and no MESSAGE-INTEGRITY
 * @param password                     STUNPassword
 * @param keepAlivePeriod              STUNMinimumKeepAlivePeriod: how often a Binding Request refreshes the NAT binding
 * @param localHost                    the address to bind ("0.0.0.0" for every interface)
 * @param localPort                    the UDP port for STUN and connection requests alike; 0 for any free one
 * @param knownBinding                 the UDPConnectionRequestAddress reported before a restart, or null; when the
 *                                     first mapping differs the client sends BINDING-CHANGE at once
 * @param connectionRequestPasswordOf  ConnectionRequestPassword for a username, null when the name is not
 *                                     ConnectionRequestUsername; asked for every request, so changes apply at once
 * @param initialRetransmission        RFC 3489's first retransmission interval (100 ms), doubled up to 16 times it
 * @param maxRequests                  requests per transaction before giving up (RFC 3489: 9, 9.5 s in all)
 * @param maxConnectionRequestsPerSecond accepted UDP connection requests per second; more are dropped
 */
public record StunClientConfig(String serverHost, int serverPort, String username, String password,
                               Duration keepAlivePeriod, String localHost, int localPort,
                               InetSocketAddress knownBinding, Function<String, String> connectionRequestPasswordOf,
                               Duration initialRetransmission, int maxRequests, int maxConnectionRequestsPerSecond) {
    public static final int DEFAULT_SERVER_PORT = 3478;

    public StunClientConfig {
        Objects.requireNonNull(serverHost, "serverHost");
        if (serverHost.isBlank()) {
            throw new IllegalArgumentException("no STUN server host; an empty STUNServerAddress means the ACS URL's host");
        }
        checkPort(serverPort, 1);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (keepAlivePeriod.isNegative() || keepAlivePeriod.isZero()) {
            throw new IllegalArgumentException("keep-alive period " + keepAlivePeriod);
        }
        Objects.requireNonNull(localHost, "localHost");
        checkPort(localPort, 0);
        Objects.requireNonNull(connectionRequestPasswordOf, "connectionRequestPasswordOf");
        if (initialRetransmission.toMillis() < 1) {
            throw new IllegalArgumentException("initial retransmission " + initialRetransmission);
        }
        if (maxRequests < 1 || maxRequests > 20) {
            throw new IllegalArgumentException("maxRequests " + maxRequests + " not in 1..20");
        }
        if (maxConnectionRequestsPerSecond < 1) {
            throw new IllegalArgumentException("maxConnectionRequestsPerSecond " + maxConnectionRequestsPerSecond);
        }
    }

    private static void checkPort(int port, int min) {
        if (port < min || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    /** STUNServerAddress, or the ACS URL's host when it is empty (TR-069's rule). */
    public static String serverHostFor(String stunServerAddress, URI acsUrl) {
        return stunServerAddress == null || stunServerAddress.isBlank() ? acsUrl.getHost() : stunServerAddress.strip();
    }

    public static Builder builder(String serverHost) {
        return new Builder(serverHost);
    }

    /** Builds a {@link StunClientConfig}; only the server host is required. */
    public static final class Builder {
        private final String serverHost;
        private int serverPort = DEFAULT_SERVER_PORT;
        private String username = "";
        private String password = "";
        private Duration keepAlivePeriod = Duration.ofSeconds(30);
        private String localHost = "0.0.0.0";
        private int localPort;
        private InetSocketAddress knownBinding;
        private Function<String, String> connectionRequestPasswordOf = un -> null;
        private Duration initialRetransmission = Duration.ofMillis(100);
        private int maxRequests = 9;
        private int maxConnectionRequestsPerSecond = 3;

        private Builder(String serverHost) {
            this.serverHost = serverHost;
        }

        public Builder serverPort(int port) {
            this.serverPort = port;
            return this;
        }

        /** STUNUsername and STUNPassword; an empty username sends neither. */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** STUNMinimumKeepAlivePeriod; 30 s when not given. */
        public Builder keepAlivePeriod(Duration period) {
            this.keepAlivePeriod = period;
            return this;
        }

        /** Default 0.0.0.0:0. */
        public Builder localAddress(String host, int port) {
            this.localHost = host;
            this.localPort = port;
            return this;
        }

        public Builder knownBinding(InetSocketAddress binding) {
            this.knownBinding = binding;
            return this;
        }

        /** Without it every UDP connection request is refused. */
        public Builder connectionRequestPasswordOf(Function<String, String> passwordOf) {
            this.connectionRequestPasswordOf = passwordOf;
            return this;
        }

        /** Shorter than RFC 3489's 100 ms x 9 only in tests. */
        public Builder retransmission(Duration initial, int maxRequests) {
            this.initialRetransmission = initial;
            this.maxRequests = maxRequests;
            return this;
        }

        public Builder maxConnectionRequestsPerSecond(int max) {
            this.maxConnectionRequestsPerSecond = max;
            return this;
        }

        public StunClientConfig build() {
            return new StunClientConfig(serverHost, serverPort, username, password, keepAlivePeriod, localHost,
                    localPort, knownBinding, connectionRequestPasswordOf, initialRetransmission, maxRequests,
                    maxConnectionRequestsPerSecond);
        }
    }
}
