package org.jcwmp.cpe.stun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jcwmp.core.stun.StunCodec;
import org.jcwmp.core.stun.StunException;
import org.jcwmp.core.stun.StunMessage;

/**
 * A scripted STUN server on loopback, built on the core codec: each request goes to {@link Script}, which answers
 * (a message and the password to sign it with) or stays silent. The ACS's real server lives in cwmp-acs, which the
 * CPE must not import; the two meet in cwmp-it.
 */
final class FakeStunServer implements AutoCloseable {
    record Received(StunMessage message, byte[] raw, InetSocketAddress source) {
    }

    record Answer(StunMessage message, String password) {
    }

    @FunctionalInterface
    interface Script {
        /** null: no answer. */
        Answer answer(Received request);
    }

    final DatagramSocket socket;
    final List<Received> requests = new CopyOnWriteArrayList<>();
    private volatile Script script;
    private final Thread thread;

    FakeStunServer(Script script) throws IOException {
        this.script = script;
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofPlatform().daemon().name("fake-stun").start(this::serve);
    }

    void script(Script s) {
        this.script = s;
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(byte[] datagram, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    private void serve() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] raw = Arrays.copyOf(buf, p.getLength());
                Received r = new Received(StunCodec.decode(raw), raw, (InetSocketAddress) p.getSocketAddress());
                requests.add(r);
                Answer a = script.answer(r);
                if (a != null) {
                    send(StunCodec.encode(a.message(), a.password()), r.source());
                }
            } catch (IOException | StunException e) {
                // closed, or garbage: the client under test never sends garbage
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
