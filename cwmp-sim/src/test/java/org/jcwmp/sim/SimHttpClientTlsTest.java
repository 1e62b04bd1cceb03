package org.jcwmp.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jcwmp.sim.RawHttpServer.write;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** https: the certificate is checked against the trust given (the JVM's by default) and the URL's host name. */
@Timeout(60)
class SimHttpClientTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    private static SSLContext serverTls;
    private static SSLContext clientTls;
    private RawHttpServer server;

    /** A self-signed certificate for 127.0.0.1 only, made with the JDK's keytool. */
    @BeforeAll
    static void certificate() throws Exception {
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "acs", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test ACS",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
        Files.delete(store);
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private void start() throws IOException {
        server = new RawHttpServer(serverTls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress()), (r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret");
            return true;
        });
    }

    @Test
    void postsOverTlsAndReusesTheConnection() throws IOException {
        start();
        try (SimHttpClient client = new SimHttpClient(2, Duration.ofSeconds(10), clientTls.getSocketFactory())) {
            for (int i = 0; i < 3; i++) {
                SimHttpClient.Response r = client.post(server.url("/acs"), List.of(), "x".getBytes(), 100);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("secret");
            }
        }
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void refusesACertificateTheJvmDoesNotTrustOrOneForAnotherName() throws IOException {
        start();
        try (SimHttpClient client = new SimHttpClient(2, Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> client.post(server.url("/acs"), List.of(), "x".getBytes(), 100))
                    .isInstanceOf(SSLException.class);
        }
        try (SimHttpClient client = new SimHttpClient(2, Duration.ofSeconds(10), clientTls.getSocketFactory())) {
            URI byName = URI.create("https://localhost:" + server.url("/").getPort() + "/acs");
            assertThatThrownBy(() -> client.post(byName, List.of(), "x".getBytes(), 100))
                    .isInstanceOf(SSLException.class);
        }
        assertThat(server.requests).isEmpty();
    }
}
