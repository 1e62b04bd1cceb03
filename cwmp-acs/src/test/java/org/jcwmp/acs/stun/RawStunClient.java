package org.jcwmp.acs.stun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.jcwmp.core.stun.StunCodec;
import org.jcwmp.core.stun.StunException;
import org.jcwmp.core.stun.StunMessage;

/** A bare UDP socket speaking STUN through the core codec: the server's counterpart in these tests. */
final class RawStunClient implements AutoCloseable {
    final DatagramSocket socket;
    byte[] lastRaw;

    RawStunClient() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(2000);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(byte[] datagram, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    StunMessage exchange(StunMessage request, String password, InetSocketAddress server) throws Exception {
        send(StunCodec.encode(request, password), server);
        StunMessage response = receive();
        if (!response.transactionId().equals(request.transactionId())) {
            throw new AssertionError("transaction id not echoed");
        }
        return response;
    }

    StunMessage receive() throws IOException, StunException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        lastRaw = Arrays.copyOf(buf, p.getLength());
        return StunCodec.decode(lastRaw);
    }

    DatagramPacket receivePacket() throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return p;
    }

    /** True when nothing arrives within the time. */
    boolean silentFor(int millis) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            socket.receive(new DatagramPacket(new byte[2048], 2048));
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
