package org.jcwmp.cpe.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jcwmp.cpe.model.CpeFaultException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transfer faults the downloader maps HTTP outcomes to (TR-069 9010-9020). */
class DownloaderTest {
    private static final byte[] IMAGE = "firmware image bytes".getBytes();

    @TempDir
    Path dir;
    private HttpServer server;
    private String base;
    private final Downloader downloader = new Downloader(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fw.bin", ex -> {
            ex.sendResponseHeaders(200, IMAGE.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(IMAGE);
            }
        });
        server.createContext("/broken", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        HttpContext secret = server.createContext("/secret.bin", ex -> {
            ex.sendResponseHeaders(200, IMAGE.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(IMAGE);
            }
        });
        secret.setAuthenticator(new BasicAuthenticator("files") {
            @Override
            public boolean checkCredentials(String user, String pwd) {
                return user.equals("u") && pwd.equals("p");
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int fault(String url, String user, String password, long size) {
        try {
            downloader.fetch(url, user, password, size, dir.resolve("f"));
        } catch (CpeFaultException e) {
            return e.fault().faultCode();
        }
        return 0;
    }

    @Test
    void downloadsTheBytes() throws Exception {
        assertThat(downloader.fetch(base + "/fw.bin", "", "", IMAGE.length, dir.resolve("f"))).isEqualTo(IMAGE.length);
        assertThat(Files.readAllBytes(dir.resolve("f"))).isEqualTo(IMAGE);
    }

    @Test
    void credentialsAnswerTheChallenge() {
        assertThat(fault(base + "/secret.bin", "u", "p", 0)).isZero();
        assertThat(fault(base + "/secret.bin", "u", "wrong", 0)).isEqualTo(9012);
        assertThat(fault(base + "/secret.bin", "", "", 0)).isEqualTo(9012);
    }

    @Test
    void failuresMapToTransferFaults() throws IOException {
        assertThat(fault(base + "/missing.bin", "", "", 0)).isEqualTo(9016);
        assertThat(fault(base + "/broken", "", "", 0)).isEqualTo(9010);
        assertThat(fault(base + "/fw.bin", "", "", IMAGE.length + 10)).isEqualTo(9017);
        assertThat(fault(base + "/fw.bin", "", "", IMAGE.length - 1)).isEqualTo(9018);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(fault("http://127.0.0.1:" + closedPort + "/fw.bin", "", "", 0)).isEqualTo(9015);
        assertThat(fault("http://no-such-host.invalid/fw.bin", "", "", 0)).isEqualTo(9015);
        assertThat(fault("ftp://127.0.0.1/fw.bin", "", "", 0)).isEqualTo(9013);
    }

    @Test
    void onlyHttpAndHttpsAreAccepted() {
        assertThatThrownBy(() -> Downloader.checkScheme("tftp://x/fw.bin")).isInstanceOf(CpeFaultException.class);
    }

    @Test
    void theDefaultInstallerTakesTheVersionFromTheName() {
        assertThat(FirmwareInstaller.versionFromName("fw-2.1.bin")).isEqualTo("2.1");
        assertThat(FirmwareInstaller.versionFromName("router_3.0.7.img")).isEqualTo("3.0.7");
        assertThat(FirmwareInstaller.versionFromName("4.2.bin")).isEqualTo("4.2");
    }
}
