package org.jcwmp.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificates `./jcwmp certs` makes work for real TLS handshakes, with and without client certificates. */
class TestCertificatesTest {
    @TempDir
    static Path dir;
    static TestCertificates.Files files;

    @BeforeAll
    static void make() throws IOException {
        files = TestCertificates.make(dir, List.of("acs.example.net", "203.0.113.9"));
    }

    @Test
    void theAcsCertificateNamesItsHostsAndChainsToTheCa() throws Exception {
        List<X509Certificate> chain = Pem.certificates(files.acsCertificate());
        X509Certificate ca = Pem.certificates(files.caCertificate()).getFirst();

        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(ca);
        chain.getFirst().verify(ca.getPublicKey());
        assertThat(chain.getFirst().getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))))
                .contains("localhost", "127.0.0.1", "acs.example.net", "203.0.113.9");
        assertThat(chain.getFirst().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aClientTrustingTheCaCompletesAHandshakeWithItsClientCertificate() throws Exception {
        SSLContext server = TlsContexts.server(files.acsCertificate(), files.acsKey(), files.caCertificate());
        SSLContext client = TlsContexts.client(files.caCertificate(), files.cpeCertificate(), files.cpeKey());

        assertThat(handshake(server, client, true)).isEqualTo("CN=jcwmp test CPE");
    }

    @Test
    void aClientWithoutTheCaRefusesTheServer() throws Exception {
        SSLContext server = TlsContexts.server(files.acsCertificate(), files.acsKey());
        SSLContext client = TlsContexts.client(null, null, null); // the JDK's public CAs only

        assertThatThrownBy(() -> handshake(server, client, false)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aServerAskingForAClientCertificateRefusesAClientWithout() throws Exception {
        SSLContext server = TlsContexts.server(files.acsCertificate(), files.acsKey(), files.caCertificate());
        SSLContext client = TlsContexts.client(files.caCertificate(), null, null);

        assertThatThrownBy(() -> handshake(server, client, true)).isInstanceOf(IOException.class);
    }

    /** One handshake on loopback, the client checking the host name "localhost"; returns the client's subject. */
    private static String handshake(SSLContext server, SSLContext client, boolean needClientAuth) throws Exception {
        try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            ss.setNeedClientAuth(needClientAuth);
            CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(s.getInputStream().read());
                    return needClientAuth ? s.getSession().getPeerPrincipal().getName() : "";
                } catch (IOException e) {
                    return "server failed: " + e;
                }
            });
            try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                c.setSoTimeout(5000);
                SSLParameters p = c.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                c.setSSLParameters(p);
                OutputStream out = c.getOutputStream();
                out.write(42);
                out.flush();
                if (c.getInputStream().read() != 42) {
                    throw new IOException("no echo");
                }
            }
            return accepted.get(10, TimeUnit.SECONDS);
        }
    }
}
