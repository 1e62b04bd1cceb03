package org.jcwmp.sim;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The simulator's HTTP/1.1 client: POSTs only, over keep-alive connections shared by all simulated devices, at most
 * {@code maxConnections} per target host and port, one request at a time per connection. It keeps no cookies and
 * answers no challenges itself ({@link SimSessionClient} does, per session); it follows no redirects.
 *
 * <p>Made for the load generator, where Apache HttpClient's general exec chain, pool and connection bookkeeping cost
 * more CPU than the ACS's own HTTP layer (docs/benchmarks.md). Responses may carry Content-Length, be chunked, or be
 * delimited by the server closing the connection; {@code Connection: close} is honoured. A kept-alive connection the
 * server closed meanwhile is replaced and the request sent once more, but only when not a byte of the response
 * arrived. https uses the JVM's default trust ({@link SSLSocketFactory#getDefault()}) and checks the host name, as the
 * HttpClient it replaces did.
 *
 * <p>Thread-safe.
 */
final class SimHttpClient implements AutoCloseable {
    private static final int MAX_HEADER_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    /** One answer; {@code body} holds at most the limit asked for plus one byte. */
    record Response(int status, byte[] body, List<String> setCookies, List<String> challenges, String retryAfter) {
    }

    private record Target(String scheme, String host, int port) {
    }

    private final class Pool {
        final Target target;
        final Semaphore permits;
        final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

        Pool(Target target) {
            this.target = target;
            this.permits = new Semaphore(maxConnections);
        }
    }

    private final int maxConnections;
    private final int timeoutMillis;
    private final SSLSocketFactory tls;
    private final ConcurrentHashMap<Target, Pool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    SimHttpClient(int maxConnections, Duration timeout) {
        this(maxConnections, timeout, null);
    }

    /** With the factory https connections use; null for the JVM's default (tests give their own trust). */
    SimHttpClient(int maxConnections, Duration timeout, SSLSocketFactory tls) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        this.maxConnections = maxConnections;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        this.tls = tls;
    }

    /**
     * POSTs {@code body} and reads the answer.
     *
     * @param headers     extra header lines, "Name: value" each (Host, Content-Length are written here)
     * @param maxBodyBytes the body is cut after this many bytes plus one, so that the caller sees it is too long
     */
    Response post(URI url, List<String> headers, byte[] body, int maxBodyBytes) throws IOException {
        Pool pool = pool(url);
        byte[] head = requestHead(url, headers, body.length);
        try {
            if (!pool.permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new IOException("no connection to " + pool.target.host + ":" + pool.target.port + " free within "
                        + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a connection", e);
        }
        try {
            Connection c = pool.idle.pollFirst();
            if (c != null) {
                try {
                    return exchange(pool, c, head, body, maxBodyBytes);
                } catch (NoResponse e) {
                    // the server closed the kept-alive connection meanwhile: once more on a new one
                    c.close();
                }
            }
            c = open(pool.target);
            try {
                return exchange(pool, c, head, body, maxBodyBytes);
            } catch (NoResponse e) {
                throw e.cause;
            }
        } finally {
            pool.permits.release();
        }
    }

    /** Thrown when a request got no byte of answer: safe to send again on another connection. */
    private static final class NoResponse extends Exception {
        final IOException cause;

        NoResponse(IOException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    private Response exchange(Pool pool, Connection c, byte[] head, byte[] body, int maxBodyBytes)
            throws IOException, NoResponse {
        boolean keep = false;
        try {
            try {
                c.out.write(head);
                if (body.length > 0) {
                    c.out.write(body);
                }
                c.out.flush();
                c.awaitFirstByte();
            } catch (EOFException | SocketException e) {
                throw new NoResponse(e);
            }
            Response r;
            while (true) {
                r = c.readResponse(maxBodyBytes);
                if (r != null) {
                    break;
                }
                // an interim 1xx answer: the real one follows
            }
            keep = c.reusable && !closed;
            return r;
        } finally {
            if (keep) {
                pool.idle.offerFirst(c);
            } else {
                c.close();
            }
        }
    }

    private Pool pool(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http or https URL: " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("URL without a host: " + url);
        }
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        Target t = new Target(scheme, url.getHost(), port);
        Pool p = pools.get(t);
        return p != null ? p : pools.computeIfAbsent(t, Pool::new);
    }

    private static byte[] requestHead(URI url, List<String> headers, int contentLength) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        StringBuilder sb = new StringBuilder(256);
        sb.append("POST ").append(path);
        if (url.getRawQuery() != null) {
            sb.append('?').append(url.getRawQuery());
        }
        sb.append(" HTTP/1.1\r\nHost: ").append(url.getHost()); // an IPv6 literal keeps its brackets
        if (url.getPort() >= 0) {
            sb.append(':').append(url.getPort());
        }
        sb.append("\r\nUser-Agent: jcwmp-sim\r\nContent-Length: ").append(contentLength).append("\r\n");
        for (String h : headers) {
            for (int i = 0; i < h.length(); i++) {
                char ch = h.charAt(i);
                if (ch == '\r' || ch == '\n') {
                    throw new IllegalArgumentException("header with a line break");
                }
            }
            sb.append(h).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The path and query as sent on the request line (what Digest's uri names). */
    static String requestTarget(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private Connection open(Target t) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(new InetSocketAddress(t.host, t.port), timeoutMillis);
            if (t.scheme.equals("https")) {
                SSLSocketFactory f = tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault();
                SSLSocket ssl = (SSLSocket) f.createSocket(s, t.host, t.port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(timeoutMillis);
                ssl.startHandshake();
                s = ssl;
            }
            return new Connection(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Closes the idle connections; requests under way finish and close theirs. */
    @Override
    public void close() {
        closed = true;
        for (Pool p : pools.values()) {
            Connection c;
            while ((c = p.idle.pollFirst()) != null) {
                c.close();
            }
        }
    }

    /** Idle connections kept now, over all targets (tests). */
    int idleConnections() {
        int n = 0;
        for (Pool p : pools.values()) {
            n += p.idle.size();
        }
        return n;
    }

    /** One socket with its own read buffer; used by one request at a time. */
    private static final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        final byte[] buf = new byte[8192];
        int pos;
        int limit;
        boolean reusable;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }

        /** Waits for the answer's first byte; EOF before it means the server had closed the connection. */
        void awaitFirstByte() throws IOException {
            if (pos >= limit && !fill()) {
                throw new EOFException("connection closed before any response");
            }
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        private int read() throws IOException {
            if (pos >= limit && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        /** One header line without its CRLF (a bare LF is accepted); EOF in a line is an error. */
        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                int start = pos;
                while (pos < limit && buf[pos] != '\n') {
                    pos++;
                }
                sb.append(new String(buf, start, pos - start, StandardCharsets.ISO_8859_1));
                if (sb.length() > MAX_HEADER_LINE) {
                    throw new IOException("header line too long");
                }
                if (pos < limit) {
                    pos++; // the LF
                    int end = sb.length();
                    if (end > 0 && sb.charAt(end - 1) == '\r') {
                        sb.setLength(end - 1);
                    }
                    return sb.toString();
                }
                if (!fill()) {
                    throw new EOFException("connection closed in the response head");
                }
            }
        }

        /** The response, or null for an interim 1xx one (already consumed). */
        Response readResponse(int maxBodyBytes) throws IOException {
            String status = readLine();
            if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x status line: " + abbreviate(status));
            }
            boolean http10 = status.charAt(7) == '0';
            int code;
            try {
                code = Integer.parseInt(status.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("bad status line: " + abbreviate(status));
            }
            long contentLength = -1;
            boolean chunked = false;
            boolean close = http10;
            List<String> cookies = List.of();
            List<String> challenges = List.of();
            String retryAfter = null;
            for (int n = 0; ; n++) {
                String line = readLine();
                if (line.isEmpty()) {
                    break;
                }
                if (n >= MAX_HEADERS) {
                    throw new IOException("more than " + MAX_HEADERS + " response headers");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("bad header line: " + abbreviate(line));
                }
                String name = line.substring(0, colon);
                String value = line.substring(colon + 1).strip();
                switch (name.length()) {
                    case 14 -> {
                        if (name.equalsIgnoreCase("Content-Length")) {
                            try {
                                long l = Long.parseLong(value);
                                if (l < 0 || (contentLength >= 0 && contentLength != l)) {
                                    throw new NumberFormatException();
                                }
                                contentLength = l;
                            } catch (NumberFormatException e) {
                                throw new IOException("bad Content-Length: " + abbreviate(value));
                            }
                        }
                    }
                    case 17 -> {
                        if (name.equalsIgnoreCase("Transfer-Encoding")) {
                            String last = value.substring(value.lastIndexOf(',') + 1).strip();
                            if (!last.equalsIgnoreCase("chunked")) {
                                throw new IOException("unsupported Transfer-Encoding: " + abbreviate(value));
                            }
                            chunked = true;
                        }
                    }
                    case 10 -> {
                        if (name.equalsIgnoreCase("Connection")) {
                            for (String token : value.split(",")) {
                                String t = token.strip();
                                if (t.equalsIgnoreCase("close")) {
                                    close = true;
                                } else if (t.equalsIgnoreCase("keep-alive") && http10) {
                                    close = false;
                                }
                            }
                        } else if (name.equalsIgnoreCase("Set-Cookie")) {
                            cookies = add(cookies, value);
                        }
                    }
                    case 16 -> {
                        if (name.equalsIgnoreCase("WWW-Authenticate")) {
                            challenges = add(challenges, value);
                        }
                    }
                    case 11 -> {
                        if (name.equalsIgnoreCase("Retry-After")) {
                            retryAfter = value;
                        }
                    }
                    default -> {
                        // not needed
                    }
                }
            }
            if (code >= 100 && code < 200) {
                if (code == 101) {
                    throw new IOException("the server switched protocols");
                }
                return null;
            }
            byte[] body;
            boolean complete = true;
            if (code == 204 || code == 304) {
                body = new byte[0];
            } else if (chunked) {
                ChunkedBody b = readChunked(maxBodyBytes);
                body = b.bytes;
                complete = b.complete;
            } else if (contentLength >= 0) {
                int wanted = (int) Math.min(contentLength, (long) maxBodyBytes + 1);
                body = new byte[wanted];
                readExactly(body, 0, wanted);
                complete = wanted == contentLength;
            } else {
                body = readToClose(maxBodyBytes);
                complete = false;
            }
            reusable = complete && !close && pos >= limit;
            return new Response(code, body, cookies, challenges, retryAfter);
        }

        private static List<String> add(List<String> list, String value) {
            List<String> l = list.isEmpty() ? new ArrayList<>(2) : list;
            l.add(value);
            return l;
        }

        private void readExactly(byte[] out, int off, int n) throws IOException {
            int have = Math.min(n, limit - pos);
            System.arraycopy(buf, pos, out, off, have);
            pos += have;
            while (have < n) {
                int r = in.read(out, off + have, n - have);
                if (r < 0) {
                    throw new EOFException("connection closed after " + have + " of " + n + " body bytes");
                }
                have += r;
            }
        }

        private byte[] readToClose(int maxBodyBytes) throws IOException {
            byte[] out = new byte[Math.min(8192, maxBodyBytes + 1)];
            int have = 0;
            int b;
            while (have <= maxBodyBytes && (b = read()) >= 0) {
                if (have == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, (long) maxBodyBytes + 1));
                }
                out[have++] = (byte) b;
            }
            return Arrays.copyOf(out, have);
        }

        private record ChunkedBody(byte[] bytes, boolean complete) {
        }

        private ChunkedBody readChunked(int maxBodyBytes) throws IOException {
            byte[] out = new byte[1024];
            int have = 0;
            while (true) {
                String line = readLine();
                int semi = line.indexOf(';');
                String hex = (semi >= 0 ? line.substring(0, semi) : line).strip();
                long size;
                try {
                    size = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + abbreviate(line));
                }
                if (size < 0) {
                    throw new IOException("bad chunk size: " + abbreviate(line));
                }
                if (size == 0) {
                    while (!readLine().isEmpty()) {
                        // trailer fields: not needed
                    }
                    return new ChunkedBody(Arrays.copyOf(out, have), true);
                }
                long room = (long) maxBodyBytes + 1 - have;
                int take = (int) Math.min(size, room);
                if (have + take > out.length) {
                    out = Arrays.copyOf(out, Math.max(have + take, (int) Math.min((long) out.length * 2,
                            (long) maxBodyBytes + 1)));
                }
                readExactly(out, have, take);
                have += take;
                if (take < size) {
                    return new ChunkedBody(Arrays.copyOf(out, have), false); // too long: the caller refuses it
                }
                if (!readLine().isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
            }
        }

        private static String abbreviate(String s) {
            return s.length() <= 80 ? s : s.substring(0, 80) + "...";
        }
    }
}
