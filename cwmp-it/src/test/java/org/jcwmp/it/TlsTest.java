package org.jcwmp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.files.FileMetadata;
import org.jcwmp.acs.task.Task;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.tls.TestCertificates;
import org.jcwmp.cpe.CpeAgent;
import org.jcwmp.cpe.CpeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS end to end (issue 9): the ACS serves CWMP and its file server over HTTPS with a certificate from a private
 * CA; an agent that trusts that CA and presents a client certificate bootstraps with Basic, runs a task and
 * downloads a firmware image over HTTPS; an agent that does not trust the CA never gets a session.
 */
class TlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "00D09E-HomeGateway-TLS0001";

    @TempDir
    Path dir;
    private TestCertificates.Files certs;
    private AcsServer acs;
    private CpeAgent agent;
    private final InformRecorder informs = new InformRecorder();

    @BeforeEach
    void start() throws Exception {
        certs = TestCertificates.make(dir.resolve("certs"), List.of());
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).fileServer("127.0.0.1", 0)
                .dataDirectory(dir.resolve("acs")).cpeCredentials("cpe", "pw").connectionRequestCredentials("acs", "crpw")
                .tls(certs.acsCertificate(), certs.acsKey(), certs.caCertificate()).build().start();
        acs.addListener(informs);
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.stop();
    }

    private CpeAgent.Builder agent(String serial) {
        return CpeAgent.builder().acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", "pw")
                .stateDirectory(dir.resolve(serial)).deviceId(new DeviceIdStruct("jcwmp", "00D09E", "HomeGateway", serial))
                .connectionRequestCredentials("acs", "crpw").connectionRequestAddress("127.0.0.1", 0)
                .softwareVersion("1.0").httpTimeout(Duration.ofSeconds(5));
    }

    @Test
    void anAgentTrustingTheCaWorksOverHttpsEndToEnd() throws Exception {
        assertThat(acs.cwmpUrl()).startsWith("https://");
        long t0 = System.nanoTime();
        agent = agent("TLS0001").tls(certs.caCertificate(), certs.cpeCertificate(), certs.cpeKey()).build();
        agent.start();
        informs.waitFor(ID, EventCode.BOOTSTRAP, t0);

        Task gpv = run("{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.SoftwareVersion\"]}");
        assertThat(gpv.status()).hasToString("DONE");

        byte[] image = new byte[50_000];
        var files = acs.fileServer().orElseThrow();
        files.repository().putFile("fw-3.0.bin", new FileMetadata("1 Firmware Upgrade Image", "00D09E", "HomeGateway",
                "3.0"), new ByteArrayInputStream(image), image.length);
        String url = files.downloadUrl("fw-3.0.bin");
        assertThat(url).startsWith("https://");
        run("{\"name\":\"download\",\"fileType\":\"1 Firmware Upgrade Image\",\"url\":" + JSON.writeValueAsString(url)
                + ",\"fileSize\":" + image.length + ",\"commandKey\":\"tls-fw\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(acs.devices()
                .parameters(ID, "Device.DeviceInfo.SoftwareVersion").getFirst().value()).isEqualTo("3.0"));
    }

    @Test
    void anAgentNotTrustingTheCaGetsNoSession() throws Exception {
        AtomicInteger failed = new AtomicInteger();
        agent = agent("TLS0002").build(); // the JDK's public CAs only
        agent.addListener(new CpeListener() {
            @Override
            public void sessionEnded(boolean ok, Throwable cause) {
                if (!ok) {
                    failed.incrementAndGet();
                }
            }
        });
        agent.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> failed.get() >= 1);
        assertThat(acs.devices().find("00D09E-HomeGateway-TLS0002")).isEmpty();
    }

    private Task run(String task) throws Exception {
        Task queued = acs.tasks().queue(ID, JSON.readTree(task));
        var finished = acs.tasks().whenFinished(queued.id());
        var outcome = acs.connectionRequester().request(acs.devices().find(ID).orElseThrow());
        assertThat(outcome.delivered()).as(outcome.detail()).isTrue();
        return finished.get(20, TimeUnit.SECONDS);
    }
}
