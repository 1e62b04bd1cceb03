package org.jcwmp.core.udpcr;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * The {@code host:port} form of ManagementServer.UDPConnectionRequestAddress (an RFC 3986 authority: IPv6 in
 * brackets), which the CPE reports and the ACS sends UDP connection requests to.
 */
public final class UdpConnectionRequestAddress {
    private UdpConnectionRequestAddress() {
    }

    /** "203.0.113.7:5060", "[2001:db8::1]:5060". */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        int zone = host.indexOf('%');
        if (address.getAddress() instanceof Inet6Address) {
            host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
        }
        return host + ":" + address.getPort();
    }

    /**
     * Reads {@code host:port}; a host name is resolved here, an IP literal never causes a lookup.
     *
     * @throws IllegalArgumentException when it is not host:port with a port in 1..65535
     */
    public static InetSocketAddress parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no UDP connection request address");
        }
        String s = value.strip();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("not host:port: " + value);
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 address goes in brackets: " + value);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not host:port: " + value);
        }
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw new IllegalArgumentException("not host:port: " + value);
        }
        return new InetSocketAddress(host, port);
    }
}
