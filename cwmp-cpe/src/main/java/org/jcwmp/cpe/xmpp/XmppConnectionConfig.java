package org.jcwmp.cpe.xmpp;

import java.util.Objects;
import org.jcwmp.core.xmpp.ServerRetry;

/**
 * One Device.XMPP.Connection.{i} (with its first Server.{i}) as the listener needs it; the names are the data
 * model's.
 *
 * @param username                      Username: the JID's localpart and the login name
 * @param password                      Password
 * @param domain                        Domain: the JID's domainpart (the XMPP service)
 * @param resource                      Resource: the JID's resourcepart; empty lets the server choose one
 * @param serverAddress                 Server.{i}.ServerAddress: where to connect; empty means Domain
 * @param port                          Server.{i}.Port
 * @param useTls                        UseTLS: true demands TLS; false uses it only when the server requires it
 * @param keepAliveInterval             KeepAliveInterval in seconds: 0 off, -1 our choice (300, as RFC 6120 4.6.4
 *                                      recommends)
 * @param serverConnectAttempts         ServerConnectAttempts: attempts on one address before the next address
 * @param serverRetryInitialInterval    ServerRetryInitialInterval, seconds
 * @param serverRetryIntervalMultiplier ServerRetryIntervalMultiplier, per mille
 * @param serverRetryMaxInterval        ServerRetryMaxInterval, seconds
 */
public record XmppConnectionConfig(String username, String password, String domain, String resource,
                                   String serverAddress, int port, boolean useTls, long keepAliveInterval,
                                   long serverConnectAttempts, long serverRetryInitialInterval,
                                   long serverRetryIntervalMultiplier, long serverRetryMaxInterval) {
    /** KeepAliveInterval -1: "vendor specific"; RFC 6120 4.6.4 advises against checking more often than 5 minutes. */
    public static final long DEFAULT_KEEP_ALIVE_SECONDS = 300;

    public XmppConnectionConfig {
        username = Objects.requireNonNullElse(username, "");
        password = Objects.requireNonNullElse(password, "");
        domain = Objects.requireNonNullElse(domain, "").strip();
        resource = Objects.requireNonNullElse(resource, "").strip();
        serverAddress = Objects.requireNonNullElse(serverAddress, "").strip();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The host to connect to: ServerAddress, or Domain when it is empty. */
    public String host() {
        return serverAddress.isEmpty() ? domain : serverAddress;
    }

    /** The reconnection waits (TR-181 ServerRetry*). */
    public ServerRetry serverRetry() {
        return ServerRetry.ofSeconds(serverRetryInitialInterval, serverRetryIntervalMultiplier, serverRetryMaxInterval);
    }

    /** Seconds between keep-alive pings; 0 for none. */
    public long keepAliveSeconds() {
        return keepAliveInterval < 0 ? DEFAULT_KEEP_ALIVE_SECONDS : keepAliveInterval;
    }

    /** Starts from the data model's defaults (Port 5222, UseTLS false, KeepAliveInterval -1, 16, 60, 2000, 30720). */
    public static final class Builder {
        private String username = "";
        private String password = "";
        private String domain = "";
        private String resource = "";
        private String serverAddress = "";
        private int port = 5222;
        private boolean useTls;
        private long keepAliveInterval = -1;
        private long serverConnectAttempts = 16;
        private long serverRetryInitialInterval = 60;
        private long serverRetryIntervalMultiplier = 2000;
        private long serverRetryMaxInterval = 30720;

        public Builder username(String v) {
            username = v;
            return this;
        }

        public Builder password(String v) {
            password = v;
            return this;
        }

        public Builder domain(String v) {
            domain = v;
            return this;
        }

        public Builder resource(String v) {
            resource = v;
            return this;
        }

        public Builder server(String address, int port) {
            serverAddress = address;
            this.port = port;
            return this;
        }

        public Builder useTls(boolean v) {
            useTls = v;
            return this;
        }

        public Builder keepAliveInterval(long seconds) {
            keepAliveInterval = seconds;
            return this;
        }

        public Builder serverConnectAttempts(long v) {
            serverConnectAttempts = v;
            return this;
        }

        public Builder serverRetry(long initialIntervalSeconds, long multiplierPerMille, long maxIntervalSeconds) {
            serverRetryInitialInterval = initialIntervalSeconds;
            serverRetryIntervalMultiplier = multiplierPerMille;
            serverRetryMaxInterval = maxIntervalSeconds;
            return this;
        }

        public XmppConnectionConfig build() {
            XmppConnectionConfig c = new XmppConnectionConfig(username, password, domain, resource, serverAddress, port,
                    useTls, keepAliveInterval, serverConnectAttempts, serverRetryInitialInterval,
                    serverRetryIntervalMultiplier, serverRetryMaxInterval);
            c.serverRetry(); // fails here, not later in a background thread, on out-of-range values
            return c;
        }
    }
}
