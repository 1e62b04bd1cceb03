package org.jcwmp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.AcsServer;
import org.jcwmp.acs.files.FileMetadata;
import org.jcwmp.acs.files.FileServer;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.AutonomousTransferComplete;
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

/**
 * The transfer RPCs end to end (issue 5) between a real ACS with its file server and a real agent, through NBI tasks:
 * a vendor configuration file downloaded and applied, the configuration uploaded to the ACS, a ScheduleDownload in
 * its window, a queued Download listed by GetAllQueuedTransfers and cancelled, and a download the agent starts by
 * itself. Each TransferComplete and AutonomousTransferComplete is checked as the ACS received it (AcsListener), with
 * the event its session's Inform carried.
 */
class TransferRpcTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUI = "00D09E";
    private static final String ID = OUI + "-HomeGateway-TR0001";
    private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";

    @TempDir
    Path dir;
    private AcsServer acs;
    private CpeAgent agent;
    private FileServer files;
    private final InformRecorder informs = new InformRecorder();
    private final List<TransferComplete> transferCompletes = new CopyOnWriteArrayList<>();
    private final List<AutonomousTransferComplete> autonomous = new CopyOnWriteArrayList<>();

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
                } else if (request instanceof AutonomousTransferComplete atc) {
                    autonomous.add(atc);
                }
            }
        });
        files = acs.fileServer().orElseThrow();
        long t0 = System.nanoTime();
        agent = CpeAgent.builder().acsUrl(URI.create(acs.cwmpUrl())).acsCredentials("cpe", "pw")
                .stateDirectory(dir.resolve("cpe")).deviceId(new DeviceIdStruct("jcwmp", OUI, "HomeGateway", "TR0001"))
                .connectionRequestCredentials("acs", "crpw").connectionRequestAddress("127.0.0.1", 0)
                .httpTimeout(Duration.ofSeconds(5)).build();
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
        return finished.get(20, TimeUnit.SECONDS);
    }

    /** The TransferComplete the ACS received for this CommandKey, in a session whose Inform announced it. */
    private TransferComplete awaitTransferComplete(String commandKey, String mEvent, long t0) {
        InformRecorder.Received inform = informs.waitFor(ID, EventCode.TRANSFER_COMPLETE, t0);
        assertThat(inform.eventStructs()).contains(new EventStruct(mEvent, commandKey));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> transferCompletes.stream().anyMatch(tc -> tc.commandKey().equals(commandKey)));
        return transferCompletes.stream().filter(tc -> tc.commandKey().equals(commandKey)).findFirst().orElseThrow();
    }

    private void putFile(String name, String fileType, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        files.repository().putFile(name, new FileMetadata(fileType, OUI, "HomeGateway", null),
                new ByteArrayInputStream(bytes), bytes.length);
    }

    @Test
    void configurationDownloadUploadScheduleDownloadQueueAndCancel() throws Exception {
        // Download "3 Vendor Configuration File": applied, visible to the ACS by GetParameterValues.
        putFile("settings.json", "3 Vendor Configuration File",
                "{\"parameters\": {\"" + INTERVAL + "\": \"1234\"}}");
        long t0 = System.nanoTime();
        Task download = run("{\"name\":\"download\",\"fileType\":\"3 Vendor Configuration File\",\"url\":"
                + JSON.writeValueAsString(files.downloadUrl("settings.json")) + ",\"commandKey\":\"cfg-1\"}");
        assertThat(download.status()).isEqualTo(TaskStatus.DONE);
        TransferComplete cfg = awaitTransferComplete("cfg-1", EventCode.M_DOWNLOAD, t0);
        assertThat(cfg.faultStruct().faultCode()).as(cfg.faultStruct().faultString()).isZero();
        Task gpv = run("{\"name\":\"getParameterValues\",\"parameterNames\":[\"" + INTERVAL + "\"]}");
        assertThat(gpv.status()).isEqualTo(TaskStatus.DONE);
        assertThat(JSON.readTree(gpv.result()).get("parameterList").findValuesAsText("value")).containsExactly("1234");

        // Upload "1 Vendor Configuration File": the ACS keeps it with the device, the same JSON the agent reads.
        t0 = System.nanoTime();
        Task upload = run("{\"name\":\"upload\",\"fileType\":\"1 Vendor Configuration File\",\"url\":"
                + JSON.writeValueAsString(files.signedUploadUrl(ID, "backup.json", "1 Vendor Configuration File"))
                + ",\"commandKey\":\"up-1\"}");
        assertThat(upload.status()).isEqualTo(TaskStatus.DONE);
        TransferComplete up = awaitTransferComplete("up-1", EventCode.M_UPLOAD, t0);
        assertThat(up.faultStruct().faultCode()).as(up.faultStruct().faultString()).isZero();
        Nbi nbi = Nbi.asAdmin(acs);
        Nbi.Answer list = nbi.get("devices/" + ID + "/uploads");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).hasSize(1);
        JsonNode stored = list.body().get(0);
        assertThat(stored.get("name").asText()).isEqualTo("backup.json");
        assertThat(stored.get("fileType").asText()).isEqualTo("1 Vendor Configuration File");
        Nbi.Answer content = nbi.get(stored.get("href").asText().substring(1));
        assertThat(content.status()).isEqualTo(200);
        JsonNode backup = JSON.readTree(content.text());
        assertThat(backup.get("parameters").get(INTERVAL).asText()).isEqualTo("1234");
        assertThat(stored.get("size").asLong()).isEqualTo(content.text().getBytes(StandardCharsets.UTF_8).length);

        // ScheduleDownload "2 Web Content" in a window starting now.
        putFile("portal.html", "2 Web Content", "<h1>portal</h1>");
        t0 = System.nanoTime();
        Task schedule = run("{\"name\":\"scheduleDownload\",\"fileType\":\"2 Web Content\",\"url\":"
                + JSON.writeValueAsString(files.downloadUrl("portal.html")) + ",\"commandKey\":\"sd-1\","
                + "\"timeWindows\":[{\"windowStart\":0,\"windowEnd\":120,\"windowMode\":\"1 At Any Time\","
                + "\"maxRetries\":1}]}");
        assertThat(schedule.status()).isEqualTo(TaskStatus.DONE);
        TransferComplete sd = awaitTransferComplete("sd-1", EventCode.M_SCHEDULE_DOWNLOAD, t0);
        assertThat(sd.faultStruct().faultCode()).as(sd.faultStruct().faultString()).isZero();
        assertThat(dir.resolve("cpe/web-content/portal.html")).hasContent("<h1>portal</h1>");

        // A delayed Download is queued (GetAllQueuedTransfers), cancelled, and cannot be cancelled twice. Its task is
        // not awaited: it has no TransferComplete to wait for.
        acs.tasks().queue(ID, JSON.readTree("{\"name\":\"download\",\"fileType\":\"3 Vendor Configuration File\","
                + "\"url\":" + JSON.writeValueAsString(files.downloadUrl("settings.json"))
                + ",\"commandKey\":\"later\",\"delaySeconds\":3600}"));
        assertThat(acs.connectionRequester().request(acs.devices().find(ID).orElseThrow()).delivered()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> !agent.queuedTransfers().isEmpty());
        Task queued = run("{\"name\":\"getAllQueuedTransfers\"}");
        JsonNode transfers = JSON.readTree(queued.result()).get("transferList");
        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0).get("commandKey").asText()).isEqualTo("later");
        assertThat(transfers.get(0).get("state").asInt()).isEqualTo(1);
        assertThat(transfers.get(0).get("isDownload").asBoolean()).isTrue();
        assertThat(run("{\"name\":\"cancelTransfer\",\"commandKey\":\"later\"}").status()).isEqualTo(TaskStatus.DONE);
        assertThat(JSON.readTree(run("{\"name\":\"getAllQueuedTransfers\"}").result()).get("transferList")).isEmpty();
        assertThat(run("{\"name\":\"cancelTransfer\",\"commandKey\":\"later\"}").faultCode()).isEqualTo(9021);
        assertThat(transferCompletes).extracting(TransferComplete::commandKey).containsExactly("cfg-1", "up-1", "sd-1");
    }

    @Test
    void anAutonomousDownloadIsReportedToTheAcs() throws Exception {
        putFile("local.json", "3 Vendor Configuration File", "{\"parameters\": {\"" + INTERVAL + "\": \"4321\"}}");
        long t0 = System.nanoTime();
        String url = files.downloadUrl("local.json");
        agent.autonomousDownload(url, "3 Vendor Configuration File");
        InformRecorder.Received inform = informs.waitFor(ID, EventCode.AUTONOMOUS_TRANSFER_COMPLETE, t0);
        assertThat(inform.events()).doesNotContain(EventCode.TRANSFER_COMPLETE);
        await().atMost(Duration.ofSeconds(15)).until(() -> !autonomous.isEmpty());
        AutonomousTransferComplete atc = autonomous.get(0);
        assertThat(atc.transferUrl()).isEqualTo(url);
        assertThat(atc.isDownload()).isTrue();
        assertThat(atc.fileType()).isEqualTo("3 Vendor Configuration File");
        assertThat(atc.faultStruct().faultCode()).as(atc.faultStruct().faultString()).isZero();
        assertThat(agent.parameterValue(INTERVAL)).isEqualTo("4321");
    }
}
