package org.jcwmp.xmpp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.function.BiConsumer;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.parsing.ExceptionLoggingCallback;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.ping.PingManager;

/**
 * How the ACS and the CPE each open their one XMPP link for connection requests (TR-069 Annex K): a
 * {@link HardenedXmppConnection} to a given address (resolved by the caller, not by Smack's own DNS client), no
 * compression, presence sent, no roster, a malformed stanza costing only that stanza, and a keep-alive ping; every
 * way the link can be lost afterwards is reported to one callback.
 */
public final class XmppLogin {
    /**
     * @param resource       empty or null: the server picks one
     * @param trust          null: the JDK's trusted CAs
     * @param connectTimeout also the wait for each reply
     * @param keepAlive      between pings on an idle link
     */
    public record Settings(InetAddress address, int port, String domain, String username, String password,
                           String resource, SecurityMode securityMode, X509TrustManager trust, Duration connectTimeout,
                           Duration keepAlive) {
    }

    private XmppLogin() {
    }

    /**
     * A connection, not yet connected; the caller may register its handlers, then {@link #login} it.
     *
     * @param lost told the connection and why, when the server closes it, it fails, or a keep-alive ping is not
     *             answered (the connection is shut down then)
     */
    public static XMPPTCPConnection connection(Settings s, BiConsumer<XMPPConnection, String> lost) throws Exception {
        XMPPTCPConnectionConfiguration.Builder b = XMPPTCPConnectionConfiguration.builder()
                .setUsernameAndPassword(s.username(), s.password())
                .setXmppDomain(s.domain())
                .setHostAddress(s.address())
                .setPort(s.port())
                .setSecurityMode(s.securityMode())
                .setConnectTimeout((int) s.connectTimeout().toMillis())
                .setCompressionEnabled(false)
                .setSendPresence(true);
        if (s.resource() != null && !s.resource().isBlank()) {
            b.setResource(s.resource());
        }
        if (s.trust() != null) {
            b.setCustomX509TrustManager(s.trust());
        }
        XMPPTCPConnection c = new HardenedXmppConnection(b.build());
        c.setReplyTimeout(s.connectTimeout().toMillis());
        // A malformed stanza from any peer must cost that stanza, not the link (Smack's default closes it).
        c.setParsingExceptionCallback(new ExceptionLoggingCallback());
        Roster.getInstanceFor(c).setRosterLoadedAtLogin(false); // neither end has a use for its roster
        c.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosed() {
                lost.accept(c, "closed by the server");
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                lost.accept(c, describe(e));
            }
        });
        PingManager ping = PingManager.getInstanceFor(c);
        ping.setPingInterval((int) Math.min(Integer.MAX_VALUE, s.keepAlive().toSeconds()));
        ping.registerPingFailedListener(() -> {
            c.instantShutdown(); // does not call the listeners, hence the explicit loss
            lost.accept(c, "keep-alive ping failed");
        });
        return c;
    }

    /** Connects and logs in; on failure the connection is shut down and the exception thrown. */
    public static void login(XMPPTCPConnection c) throws Exception {
        try {
            c.connect().login();
        } catch (Exception e) {
            c.instantShutdown();
            throw e;
        }
    }

    /** Cuts off a login still under way and logs out of the established link (cut off if that fails); either may be null. */
    public static void close(XMPPTCPConnection attempting, XMPPTCPConnection established) {
        if (attempting != null) {
            attempting.instantShutdown();
        }
        if (established != null) {
            try {
                established.disconnect();
            } catch (RuntimeException e) {
                established.instantShutdown();
            }
        }
    }

    /** An exception in one line: its class and the first line of its message. */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
