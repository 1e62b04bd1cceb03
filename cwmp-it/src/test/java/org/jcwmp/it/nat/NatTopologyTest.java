package org.jcwmp.it.nat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The namespaces behave like a home NAT: the LAN reaches the internet behind the gateway's address, not back. */
class NatTopologyTest {
    private static final String ACCEPT_ONE = "import socket\ns=socket.socket(); s.bind(('0.0.0.0', 18080)); s.listen(1)\n"
            + "print('listening', flush=True)\nc, peer = s.accept(); print('peer', peer[0], flush=True)\n";
    private static final String CONNECT = "import socket,sys\nsocket.create_connection((sys.argv[1], 18080), timeout=2).close()\n";

    @TempDir
    Path dir;

    @Test
    void theLanReachesTheInternetMasqueradedButNotTheOtherWayRound() throws Exception {
        String why = NatTopology.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        String[] names;
        Path log = dir.resolve("server.log");
        try (NatTopology t = NatTopology.create()) {
            names = new String[] {t.inet, t.gw, t.lan};
            t.start(t.inet, log, List.of("python3", "-c", ACCEPT_ONE));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("listening"));
            t.in(t.lan, "python3", "-c", CONNECT, NatTopology.ACS_ADDRESS);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("peer"));
            assertThat(Files.readString(log)).contains("peer " + NatTopology.GATEWAY_PUBLIC_ADDRESS);

            // Nothing routes from the internet into the private LAN.
            assertThatThrownBy(() -> t.in(t.inet, "python3", "-c", CONNECT, NatTopology.CPE_ADDRESS))
                    .isInstanceOf(IOException.class).hasMessageContaining("unreachable");
        }
        String left = NatTopology.run(List.of("ip", "netns", "list"));
        for (String ns : names) {
            assertThat(left).doesNotContain(ns);
        }
    }
}
