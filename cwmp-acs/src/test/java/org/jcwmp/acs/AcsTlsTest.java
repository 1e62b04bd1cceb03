package org.jcwmp.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;
import org.jcwmp.core.tls.TestCertificates;
import org.jcwmp.core.tls.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ACS with TLS on: CWMP with Basic over HTTPS, the NBI and the file server on HTTPS, plain HTTP refused. */
class AcsTlsTest {
    private static final SoapCodec CODEC = new SoapCodec();
    private static final DeviceIdStruct DEVICE = new DeviceIdStruct("jcwmp", "00D09E", "TlsBox", "TLS-1");
    @TempDir
    static Path dir;
    static TestCertificates.Files certs;
    static AcsServer acs;
    static HttpClient https;

    @BeforeAll
    static void start() throws IOException {
        certs = TestCertificates.make(dir.resolve("certs"), List.of());
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).fileServer("127.0.0.1", 0)
                .dataDirectory(dir.resolve("data")).passwordHashIterations(1000)
                .tls(certs.acsCertificate(), certs.acsKey(), null).build().start();
        https = HttpClient.newBuilder().sslContext(TlsContexts.client(certs.caCertificate(), null, null))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        acs.close();
    }

    @Test
    void everyListenerAdvertisesHttps() {
        assertThat(acs.cwmpUrl()).startsWith("https://");
        assertThat(acs.nbiUrl()).startsWith("https://");
        assertThat(acs.fileServer().orElseThrow().baseUrl()).startsWith("https://");
    }

    @Test
    void aCpeInformsOverHttpsWithBasicAuthentication() throws Exception {
        HttpResponse<byte[]> anonymous = https.send(inform(null), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

        HttpResponse<byte[]> answered = https.send(inform("cpe:cpe"), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(CODEC.decode(answered.body()).body()).isInstanceOf(InformResponse.class);
        assertThat(acs.devices().find(org.jcwmp.acs.store.Device.idOf(DEVICE))).isPresent();
    }

    @Test
    void theNbiAndTheFileServerAnswerOnHttps() throws Exception {
        HttpResponse<String> openapi = https.send(HttpRequest.newBuilder(URI.create(acs.nbiUrl() + "openapi.yaml"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("openapi");

        HttpResponse<Void> file = https.send(HttpRequest.newBuilder(URI.create(acs.fileServer().orElseThrow().baseUrl()
                + "files/none.bin")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(file.statusCode()).isIn(401, 404);
    }

    @Test
    void plainHttpAndUntrustedClientsGetNoAnswer() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI asHttp = URI.create(acs.cwmpUrl().replace("https://", "http://"));
        HttpResponse<String> r;
        try {
            r = plain.send(HttpRequest.newBuilder(asHttp).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            r = null; // the connection is dropped: fine
        }
        assertThat(r == null || r.statusCode() == 400).as("plain HTTP is not served").isTrue();

        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> untrusting.send(inform("cpe:cpe"), HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aMissingKeyFileStopsTheAcsWithItsName() {
        assertThatThrownBy(() -> AcsServer.builder().tls(certs.acsCertificate(), dir.resolve("nope.pem"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.pem");
    }

    private static HttpRequest inform(String userAndPassword) {
        Inform inform = new Inform(DEVICE,
                List.of(new EventStruct("1 BOOT", "")), 1, CwmpDateTime.now(), 0, List.of());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(acs.cwmpUrl())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.encode(Envelope.of(CwmpVersion.V1_2, "1", inform))));
        if (userAndPassword != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    userAndPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return b.build();
    }
}
