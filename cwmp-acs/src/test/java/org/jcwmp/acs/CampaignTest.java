package org.jcwmp.acs;

import com.fasterxml.jackson.databind.JsonNode;
import org.jcwmp.acs.auth.Role;
import org.jcwmp.acs.files.FileMetadata;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.DownloadResponse;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.FaultStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Firmware campaigns through the NBI, with CPEs the test scripts: checks, outcomes, threshold, status changes. */
abstract class CampaignTest {
    private static final String FIRMWARE = "1 Firmware Upgrade Image";

    @TempDir
    Path dir;
    private TestDatabases.TestStore testStore;
    private AcsServer acs;
    private NbiClient nbi;
    private String operator;
    private String readOnly;

    abstract String store();

    @BeforeEach
    void start() throws Exception {
        testStore = TestDatabases.open(store(), dir.resolve("db"));
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).fileServer("127.0.0.1", 0)
                .dataDirectory(dir).database(testStore.db()).cpeCredentials("cpe", "pw")
                .initialAdmin("root", "root-password").passwordHashIterations(1000)
                .campaignInterval(Duration.ofMillis(100)).build().start();
        acs.auth().putUser("olga", "operator-pw", Role.OPERATOR);
        acs.auth().putUser("rita", "reader-pw", Role.READ_ONLY);
        operator = acs.auth().createToken("olga", "t", null).secret();
        readOnly = acs.auth().createToken("rita", "t", null).secret();
        nbi = new NbiClient(acs);
        acs.fileServer().orElseThrow().repository().putFile("box-2.0.bin", new FileMetadata(FIRMWARE, null, null, "2.0"),
                new ByteArrayInputStream(new byte[300]), 300);
    }

    @AfterEach
    void stop() {
        acs.stop();
        testStore.close();
    }

    /** A device of product class Box with this serial and SoftwareVersion, known to the ACS after one session. */
    private ScriptedCpe boot(String serial, String version) throws Exception {
        ScriptedCpe cpe = new ScriptedCpe(acs, "cpe", "pw");
        cpe.post(inform(serial, version, List.of(new EventStruct("1 BOOT", ""))));
        assertThat(cpe.postEmpty()).isNull();
        return cpe;
    }

    private static Inform inform(String serial, String version, List<EventStruct> events) {
        return new Inform(new DeviceIdStruct("jcwmp", "00D09E", "Box", serial), events, 1, "2026-11-21T10:00:00Z", 0,
                List.of(new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", version, "xsd:string")));
    }

    /** One session that takes the campaign's Download, answers status 1, then reports the TransferComplete. */
    private void download(ScriptedCpe cpe, String serial, int faultCode) throws Exception {
        cpe.post(inform(serial, "1.0", List.of(new EventStruct("6 CONNECTION REQUEST", ""))));
        Envelope request = cpe.postEmpty();
        Download d = (Download) request.body();
        assertThat(d.url()).contains("box-2.0.bin");
        assertThat(d.fileSize()).isEqualTo(300);
        assertThat(d.fileType()).isEqualTo(FIRMWARE);
        assertThat(cpe.post(Envelope.of(CwmpVersion.V1_2, request.id(), new DownloadResponse(1, "", "")))).isNull();
        assertThat(cpe.postEmpty()).isNull();
        String after = faultCode == 0 ? "2.0" : "1.0";
        cpe.post(inform(serial, after, List.of(new EventStruct("1 BOOT", ""), new EventStruct("7 TRANSFER COMPLETE", ""),
                new EventStruct("M Download", d.commandKey()))));
        cpe.post(new TransferComplete(d.commandKey(), new FaultStruct(faultCode, faultCode == 0 ? "" : "bad image"),
                "2026-11-21T10:01:00Z", "2026-11-21T10:02:00Z"));
        assertThat(cpe.postEmpty()).isNull();
    }

    private JsonNode campaign(long id) throws Exception {
        return nbi.as(readOnly, "GET", "/campaigns/" + id, null).body();
    }

    @Test
    void badCampaignsAreRefusedAndNothingIsStored() throws Exception {
        boot("A1", "1.0").close();
        String ok = "\"name\":\"c\",\"query\":{\"_deviceId._ProductClass\":\"Box\"},\"file\":\"box-2.0.bin\"";
        for (String body : List.of("[]", "{" + ok.replace("\"name\":\"c\",", "") + "}",
                "{" + ok.replace("box-2.0.bin", "nope.bin") + "}",
                "{" + ok.replace("\"Box\"", "\"NoSuchBox\"") + "}",
                "{" + ok.replace("{\"_deviceId._ProductClass\":\"Box\"}", "\"{not json\"") + "}",
                "{" + ok + ",\"failureThreshold\":1.5}", "{" + ok + ",\"batchSize\":0}",
                "{" + ok + ",\"maxConcurrent\":\"many\"}", "{" + ok + ",\"connectionRequest\":\"yes\"}")) {
            NbiClient.Answer a = nbi.as(operator, "POST", "/campaigns", body);
            assertThat(a.status()).as(body).isEqualTo(400);
            assertThat(a.body().get("error").asText()).as(body).isNotBlank();
        }
        assertThat(nbi.as(readOnly, "POST", "/campaigns", "{" + ok + "}").status()).isEqualTo(403);
        assertThat(nbi.as(readOnly, "GET", "/campaigns", null).body()).isEmpty();
        assertThat(acs.tasks().forDevice("00D09E-Box-A1")).isEmpty();
        assertThat(nbi.as(readOnly, "GET", "/campaigns/77", null).status()).isEqualTo(404);
        assertThat(nbi.as(operator, "POST", "/campaigns/x/pause", null).status()).isEqualTo(400);
    }

    @Test
    void devicesGetTheDownloadAndTheCampaignCompletesWithTheirOutcomes() throws Exception {
        ScriptedCpe a = boot("A1", "1.0");
        ScriptedCpe b = boot("B1", "1.0");
        boot("C1", "2.0").close(); // already on the file's version
        NbiClient.Answer created = nbi.as(operator, "POST", "/campaigns", """
                {"name":"box 2.0","query":{"_deviceId._ProductClass":"Box"},"file":"box-2.0.bin","batchSize":5,
                 "maxConcurrent":5,"failureThreshold":0.9,"minSample":3,"connectionRequest":false}""");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(created.body().get("fileVersion").asText()).isEqualTo("2.0");
        assertThat(created.body().path("counts").path("targeted").asInt()).isEqualTo(3);
        assertThat(created.body().get("createdBy").asText()).isEqualTo("olga");

        // one round claims A1 and B1, then finds C1 on the version already: wait for both, not just the claims
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(id).path("counts").path("inProgress").asInt() == 2
                && campaign(id).path("counts").path("succeeded").asInt() == 1);
        JsonNode running = campaign(id);
        assertThat(running.path("counts").path("succeeded").asInt()).isEqualTo(1);
        assertThat(running.get("devices").findValuesAsText("detail")).containsExactly("already on 2.0");
        Task queued = acs.tasks().forDevice("00D09E-Box-A1").getFirst();
        assertThat(queued.commandKey()).isEqualTo("task-" + queued.id());

        download(a, "A1", 0);
        download(b, "B1", 9010);
        assertThat(acs.tasks().find(queued.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(id).get("status").asText().equals("completed"));
        JsonNode done = campaign(id);
        assertThat(done.path("counts").path("succeeded").asInt()).isEqualTo(2);
        assertThat(done.path("counts").path("failed").asInt()).isEqualTo(1);
        JsonNode failed = nbi.as(readOnly, "GET", "/campaigns/" + id + "/devices?state=failed", null).body();
        assertThat(failed.get("total").asInt()).isEqualTo(1);
        assertThat(failed.get("devices").get(0).get("device").asText()).isEqualTo("00D09E-Box-B1");
        assertThat(failed.get("devices").get(0).path("fault").path("code").asInt()).isEqualTo(9010);
        assertThat(nbi.as(operator, "POST", "/campaigns/" + id + "/pause", null).status()).isEqualTo(409);
        a.close();
        b.close();
    }

    @Test
    void aRestartedAcsCarriesOnWithTheCampaignFromTheStore() throws Exception {
        ScriptedCpe a = boot("A1", "1.0");
        boot("B1", "1.0").close();
        long id = nbi.as(operator, "POST", "/campaigns", """
                {"name":"restart","query":{"_deviceId._ProductClass":"Box"},"file":"box-2.0.bin","batchSize":1,
                 "maxConcurrent":1,"minSample":5,"connectionRequest":false}""").body().get("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(id).path("counts").path("inProgress").asInt() == 1);
        a.close();
        restart(Duration.ofHours(1));
        ScriptedCpe again = new ScriptedCpe(acs, "cpe", "pw");
        download(again, "A1", 0); // the Download queued before the restart, completed after it
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(id).path("counts").path("succeeded").asInt() == 1
                && campaign(id).path("counts").path("inProgress").asInt() == 1);
        assertThat(acs.tasks().forDevice("00D09E-Box-B1")).hasSize(1);
        again.close();
    }

    /** A new ACS on the same store and folder, as after a restart. */
    private void restart(Duration transferTimeout) {
        acs.stop();
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).fileServer("127.0.0.1", 0)
                .dataDirectory(dir).database(testStore.db()).cpeCredentials("cpe", "pw")
                .initialAdmin("root", "root-password").passwordHashIterations(1000)
                .campaignInterval(Duration.ofMillis(100)).transferTimeout(transferTimeout).build().start();
        nbi = new NbiClient(acs);
    }

    @Test
    void aDeviceThatNeverTakesItsDownloadFailsAfterTheTimeoutAndFreesItsSlot() throws Exception {
        restart(Duration.ofSeconds(1));
        boot("A1", "1.0").close(); // and never connects again
        boot("B1", "1.0").close();
        long id = nbi.as(operator, "POST", "/campaigns", """
                {"name":"offline","query":{"_deviceId._ProductClass":"Box"},"file":"box-2.0.bin","batchSize":1,
                 "maxConcurrent":1,"failureThreshold":1,"connectionRequest":false}""").body().get("id").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> campaign(id).path("counts").path("failed").asInt() == 2);
        JsonNode failed = nbi.as(readOnly, "GET", "/campaigns/" + id + "/devices?state=failed", null).body();
        assertThat(failed.get("devices").findValuesAsText("string")).allMatch(t -> t.contains("did not connect"));
        assertThat(failed.get("devices").findValuesAsText("code")).containsOnly("8800");
        Task withdrawn = acs.tasks().forDevice("00D09E-Box-A1").getFirst();
        assertThat(withdrawn.status()).isEqualTo(TaskStatus.FAILED);
        await().atMost(Duration.ofSeconds(5)).until(() -> campaign(id).get("status").asText().equals("completed"));
    }

    @Test
    void cancellingWithdrawsTheDownloadsNoDeviceHasTakenYet() throws Exception {
        boot("A1", "1.0").close();
        boot("B1", "1.0").close();
        long id = nbi.as(operator, "POST", "/campaigns", """
                {"name":"cancel","query":{"_deviceId._ProductClass":"Box"},"file":"box-2.0.bin","batchSize":1,
                 "maxConcurrent":1,"connectionRequest":false}""").body().get("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(id).path("counts").path("inProgress").asInt() == 1);
        Task queued = acs.tasks().forDevice("00D09E-Box-A1").getFirst();
        assertThat(queued.status()).isEqualTo(TaskStatus.QUEUED);
        nbi.as(operator, "POST", "/campaigns/" + id + "/cancel", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(id).path("counts").path("cancelled").asInt() == 2);
        assertThat(acs.tasks().find(queued.id()).orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(acs.tasks().hasQueued("00D09E-Box-A1")).isFalse();
    }

    @Test
    void aCampaignHaltsWhenTooManyFailAndCanBePausedResumedAndCancelled() throws Exception {
        ScriptedCpe a = boot("A1", "1.0");
        ScriptedCpe b = boot("B1", "1.0");
        boot("C1", "1.0").close();
        boot("D1", "1.0").close();
        long id = nbi.as(operator, "POST", "/campaigns", """
                {"name":"halting","query":{"_deviceId._ProductClass":"Box"},"file":"box-2.0.bin","batchSize":1,
                 "maxConcurrent":2,"failureThreshold":0.4,"minSample":2,"connectionRequest":false}""").body()
                .get("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(id).path("counts").path("inProgress").asInt() == 2);
        assertThat(nbi.as(operator, "POST", "/campaigns/" + id + "/pause", null).body().get("status").asText())
                .isEqualTo("paused");
        assertThat(nbi.as(operator, "POST", "/campaigns/" + id + "/pause", null).status()).isEqualTo(409);
        // devices in progress finish while the campaign is paused; nothing new starts
        download(a, "A1", 9010);
        download(b, "B1", 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(id).path("counts").path("failed").asInt() == 1
                && campaign(id).path("counts").path("succeeded").asInt() == 1);
        assertThat(campaign(id).path("counts").path("pending").asInt()).isEqualTo(2);
        assertThat(nbi.as(operator, "POST", "/campaigns/" + id + "/resume", null).body().get("status").asText())
                .isEqualTo("running");
        // 1 of 2 finished failed: 50% is more than 40%, so it halts before any further device starts
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(id).get("status").asText().equals("halted"));
        JsonNode halted = campaign(id);
        assertThat(halted.get("reason").asText()).contains("1 of 2 finished devices failed");
        Thread.sleep(300); // a few runner rounds: still nothing started
        assertThat(campaign(id).path("counts").path("pending").asInt()).isEqualTo(2);
        assertThat(acs.tasks().forDevice("00D09E-Box-C1")).isEmpty();
        assertThat(nbi.as(operator, "POST", "/campaigns/" + id + "/resume", null).status()).isEqualTo(409);

        JsonNode cancelled = nbi.as(operator, "POST", "/campaigns/" + id + "/cancel", null).body();
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("counts").path("cancelled").asInt()).isEqualTo(2);
        assertThat(cancelled.path("counts").path("pending").asInt()).isZero();
        assertThat(acs.tasks().forDevice("00D09E-Box-C1")).isEmpty();
        var audit = acs.operations().services().audit().list("olga", "/campaigns", 0, 100);
        assertThat(audit).extracting(e -> e.method() + " " + e.path()).contains("POST /campaigns",
                "POST /campaigns/" + id + "/cancel");
        a.close();
        b.close();
    }
}

class H2CampaignTest extends CampaignTest {
    @Override
    String store() {
        return "h2";
    }
}

class PostgresCampaignTest extends CampaignTest {
    @Override
    String store() {
        return "postgresql";
    }
}
