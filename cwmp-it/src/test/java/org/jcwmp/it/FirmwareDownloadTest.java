package org.jcwmp.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.files.FileMetadata;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.cpe.CpeAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Download of a firmware image end to end (issue 5): the ACS's file server holds the image, a download task sends
 * the Download with the file's signed URL, the agent answers status 1, fetches the bytes, installs them with its
 * default installer (version from the file name), reboots and informs 1 BOOT + 7 TRANSFER COMPLETE + M Download,
 * sends TransferComplete and reports the new SoftwareVersion.
 */
class FirmwareDownloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUI = "00D09E";
    private static final String ID = OUI + "-HomeGateway-FW0001";
    private static final String VERSION = "Device.DeviceInfo.SoftwareVersion";

    @TempDir
    Path dir;
    private AcsServer acs;
    private CpeAgent agent;
    private final InformRecorder informs = new InformRecorder();
    private final List<TransferComplete> transferCompletes = new CopyOnWriteArrayList<>();
    private final AtomicReference<Path> installed = new AtomicReference<>();
    private final AtomicReference<byte[]> installedBytes = new AtomicReference<>();

    @BeforeEach
    void start() {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).fileServer("127.0.0.1", 0)
                .dataDirectory(dir.resolve("acs")).cpeCredentials("cpe", "pw")
                .connectionRequestCredentials("acs", "crpw").build().start();
        acs.addListener(informs);
        acs.addListener(new AcsListener() {
            @Override
            public void cpeRequest(String deviceId, CwmpRequest request) {
                if (request instanceof TransferComplete tc) {
                    transferCompletes.add(tc);
                }
            }
        });
        long t0 = System.nanoTime();
        agent = CpeAgent.builder().acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", "pw")
                .stateDirectory(dir.resolve("cpe")).deviceId(new DeviceIdStruct("jcwmp", OUI, "HomeGateway", "FW0001"))
                .connectionRequestCredentials("acs", "crpw").connectionRequestAddress("127.0.0.1", 0)
                .softwareVersion("1.0").httpTimeout(Duration.ofSeconds(5))
                .firmwareInstaller((image, name) -> {
                    installed.set(image);
                    try {
                        installedBytes.set(java.nio.file.Files.readAllBytes(image));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return org.jcwmp.cpe.transfer.FirmwareInstaller.versionFromName(name);
                }).build();
        agent.start();
        informs.waitFor(ID, EventCode.BOOTSTRAP, t0);
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.stop();
    }

    private Task run(String task) throws Exception {
        Task queued = acs.tasks().queue(ID, JSON.readTree(task));
        var finished = acs.tasks().whenFinished(queued.id());
        var outcome = acs.connectionRequester().request(acs.devices().find(ID).orElseThrow());
        assertThat(outcome.delivered()).as(outcome.detail()).isTrue();
        return finished.get(30, TimeUnit.SECONDS); // until the TransferComplete for transfer tasks
    }

    private String storedVersion() {
        return acs.devices().parameters(ID, VERSION).stream().filter(p -> p.name().equals(VERSION))
                .map(p -> p.value()).findFirst().orElse(null);
    }

    @Test
    void aFirmwareImageIsDownloadedInstalledAndReportedAfterTheReboot() throws Exception {
        byte[] image = new byte[200_000];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 31);
        }
        var files = acs.fileServer().orElseThrow();
        files.repository().putFile("fw-2.1.bin", new FileMetadata("1 Firmware Upgrade Image", OUI, "HomeGateway", "2.1"),
                new ByteArrayInputStream(image), image.length);
        assertThat(storedVersion()).isEqualTo("1.0");

        long t0 = System.nanoTime();
        Task download = run("{\"name\":\"download\",\"fileType\":\"1 Firmware Upgrade Image\",\"url\":"
                + JSON.writeValueAsString(files.downloadUrl("fw-2.1.bin")) + ",\"fileSize\":" + image.length
                + ",\"commandKey\":\"fw-1\"}");
        // the task finishes with the TransferComplete, not with the DownloadResponse status 1 (which it keeps)
        assertThat(download.status()).isEqualTo(TaskStatus.DONE);
        assertThat(download.commandKey()).isEqualTo("fw-1");
        assertThat(JSON.readTree(download.result()).path("response").path("status").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(download.result()).path("transferComplete").path("commandKey").asText()).isEqualTo("fw-1");

        InformRecorder.Received after = informs.waitFor(ID, EventCode.TRANSFER_COMPLETE, t0);
        assertThat(after.eventStructs()).contains(new EventStruct(EventCode.BOOT, ""),
                new EventStruct(EventCode.M_DOWNLOAD, "fw-1"));
        assertThat(after.value(VERSION)).isEqualTo("2.1");
        assertThat(installedBytes.get()).isEqualTo(image);
        await().atMost(Duration.ofSeconds(10)).until(() -> !transferCompletes.isEmpty());
        TransferComplete tc = transferCompletes.get(0);
        assertThat(tc.commandKey()).isEqualTo("fw-1");
        assertThat(tc.faultStruct().faultCode()).isZero();
        assertThat(tc.startTime()).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(storedVersion()).isEqualTo("2.1");
        assertThat(agent.parameterValue(VERSION)).isEqualTo("2.1");
        assertThat(java.nio.file.Files.exists(installed.get())).as("the image is deleted after installing").isFalse();
    }

    @Test
    void aMissingFileFailsWith9016WithoutAReboot() throws Exception {
        var files = acs.fileServer().orElseThrow();
        long t0 = System.nanoTime();
        Task download = run("{\"name\":\"download\",\"fileType\":\"1 Firmware Upgrade Image\",\"url\":"
                + JSON.writeValueAsString(files.downloadUrl("fw-9.9.bin")) + ",\"commandKey\":\"fw-404\"}");
        // accepted (status 1), then failed by the TransferComplete's fault
        assertThat(download.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(download.faultCode()).isEqualTo(9016);
        assertThat(JSON.readTree(download.result()).path("response").path("status").asInt()).isEqualTo(1);

        InformRecorder.Received after = informs.waitFor(ID, EventCode.TRANSFER_COMPLETE, t0);
        assertThat(after.eventStructs()).contains(new EventStruct(EventCode.M_DOWNLOAD, "fw-404"));
        assertThat(after.events()).doesNotContain(EventCode.BOOT);
        await().atMost(Duration.ofSeconds(10)).until(() -> !transferCompletes.isEmpty());
        TransferComplete tc = transferCompletes.get(0);
        assertThat(tc.commandKey()).isEqualTo("fw-404");
        assertThat(tc.faultStruct().faultCode()).isEqualTo(9016);
        assertThat(installed.get()).isNull();
        assertThat(agent.parameterValue(VERSION)).isEqualTo("1.0");
        assertThat(storedVersion()).isEqualTo("1.0");
    }
}
