package org.jcwmp.cpe.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our client against Debian's stun-server (Vovida's classic RFC 3489 server, binary {@code stund}). stund wants two
 * IP addresses (for CHANGE-REQUEST); on Linux all of 127.0.0.0/8 is loopback, so 127.0.0.1 and 127.0.0.2 serve
 * without touching any interface. stund ignores CONNECTION-REQUEST-BINDING (types above 0x7FFF may be ignored).
 */
@Timeout(30)
class DebianStundInteropTest {
    private Process stund;
    private int port;
    private StunClient client;

    private static Path binary(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        return null;
    }

    /** A port p with p + 1 free too, on both loopback addresses stund binds. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int p;
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                p = s.getLocalPort();
            }
            if (p < 65535 && free(p) && free(p + 1)) {
                return p;
            }
        }
        throw new IOException("no free UDP port pair");
    }

    private static boolean free(int p) {
        try (DatagramSocket a = new DatagramSocket(new InetSocketAddress("127.0.0.1", p));
             DatagramSocket b = new DatagramSocket(new InetSocketAddress("127.0.0.2", p))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @BeforeEach
    void startStund() throws IOException {
        Path binary = binary("stund");
        assumeTrue(binary != null, "Debian's stun-server is not installed (apt-get install -y stun-server): skipped");
        port = freePortPair();
        stund = new ProcessBuilder(binary.toString(), "-h", "127.0.0.1", "-a", "127.0.0.2", "-p",
                Integer.toString(port), "-o", Integer.toString(port + 1))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (stund != null) {
            stund.destroy();
            if (!stund.waitFor(5, TimeUnit.SECONDS)) {
                stund.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private RecordingStunListener run(String username) throws IOException {
        RecordingStunListener events = new RecordingStunListener();
        client = new StunClient(StunClientConfig.builder("127.0.0.1").serverPort(port)
                .localAddress("127.0.0.1", 0).credentials(username, "unused")
                .keepAlivePeriod(Duration.ofMillis(300)).build(), events);
        client.start(); // RFC 3489 retransmission covers the moment stund takes to bind
        return events;
    }

    @Test
    void learnsTheBindingFromStund() throws Exception {
        RecordingStunListener events = run("");
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.bindings.isEmpty());
        assertThat(stund.isAlive()).isTrue();
        assertThat(events.bindings.getFirst().publicAddress()).isEqualTo(client.localAddress());
        assertThat(events.bindings.getFirst().natDetected()).isFalse();
        assertThat(events.failures).isEmpty();
    }

    @Test
    void stundAnswersRequestsCarryingAUsernameToo() throws Exception {
        RecordingStunListener events = run("cpe-0001");
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.bindings.isEmpty());
        assertThat(events.bindings.getFirst().publicAddress()).isEqualTo(client.localAddress());
    }
}
