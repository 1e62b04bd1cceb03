package org.jcwmp.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test HTTP/1.1 server on a raw socket, so that a test writes exactly the bytes a response is made of (chunked,
 * without a length, closing the connection) and sees every request and connection.
 */
final class RawHttpServer implements AutoCloseable {
    /** One request as received; header names lower-cased. */
    record Request(int connection, String line, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Writes the answer; returns false to close the connection afterwards. */
    interface Handler {
        boolean answer(Request request, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final AtomicInteger connections = new AtomicInteger();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    RawHttpServer(Handler handler) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), handler);
    }

    /** On a given listening socket (a TLS one); URLs say https then. */
    RawHttpServer(ServerSocket server, Handler handler) {
        this.handler = handler;
        this.server = server;
        Thread.ofVirtual().name("raw-http-accept").start(this::accept);
    }

    URI url(String path) {
        String scheme = server instanceof javax.net.ssl.SSLServerSocket ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort() + path);
    }

    int connections() {
        return connections.get();
    }

    /** Closes every open connection, as a server closing idle kept-alive connections does. */
    void closeConnections() throws IOException {
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            int n = connections.incrementAndGet();
            open.add(s);
            Thread.ofVirtual().start(() -> serve(s, n));
        }
    }

    private void serve(Socket s, int connection) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String line = line(in);
                if (line == null) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                String h;
                while (!(h = line(in)).isEmpty()) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                Request r = new Request(connection, line, headers, in.readNBytes(length));
                requests.add(r);
                boolean keep = handler.answer(r, out);
                out.flush();
                if (!keep) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client or the test closed it
        } finally {
            open.remove(s);
        }
    }

    /** A line without CRLF; null at EOF before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeConnections();
    }
}
