package org.jcwmp.acs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slowloris against the CWMP listener: clients that open a request and never finish it hold no more than a connection
 * each, are closed after the idle timeout, and a real CPE is served meanwhile.
 */
class SlowClientsTest {
    private static final SoapCodec CODEC = new SoapCodec();
    @TempDir
    Path dir;

    @Test
    void halfSentRequestsAreClosedAfterTheIdleTimeoutWhileACpeIsServed() throws Exception {
        try (AcsServer acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir)
                .cpeAuthentication(false).passwordHashIterations(1000)
                .connectionLimits(Duration.ofSeconds(2), 500).build().start()) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), acs.cwmpPort());
                    s.getOutputStream().write("POST / HTTP/1.1\r\nHost: acs\r\nContent-Length: 100\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    slow.add(s);
                }

                assertThat(inform(acs).statusCode()).isEqualTo(200);

                for (Socket s : slow) {
                    s.setSoTimeout(15_000);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[1024];
                    int n;
                    long start = System.nanoTime();
                    do {
                        n = in.read(buf); // an error answer (408, 400) may come first; then the end
                    } while (n > 0);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
                }
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
            assertThat(inform(acs).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> inform(AcsServer acs) throws Exception {
        Inform inform = new Inform(new DeviceIdStruct("jcwmp", "00D09E", "SlowBox", "S-1"),
                List.of(new EventStruct("2 PERIODIC", "")), 1, CwmpDateTime.now(), 0, List.of());
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(acs.cwmpUrl()))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.encode(Envelope.of(CwmpVersion.V1_2, "1", inform))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
