package org.jcwmp.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcwmp.acs.store.StoredEvent;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskService;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.AutonomousTransferComplete;
import org.jcwmp.core.rpc.AutonomousTransferCompleteResponse;
import org.jcwmp.core.rpc.ChangeDUState;
import org.jcwmp.core.rpc.ChangeDUStateResponse;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.DUStateChangeCompleteResponse;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.DownloadResponse;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.FaultStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.OpResultStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.rpc.TransferCompleteResponse;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Transfer tasks stay running after the CPE's DownloadResponse status 1 until the TransferComplete with their key. */
abstract class TransferTaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "00D09E-Box-T1";
    private static final String DOWNLOAD = """
            {"name":"download","fileType":"1 Firmware Upgrade Image","url":"http://files.example/fw-2.0.bin",
             "fileSize":1000}""";

    @TempDir
    Path dir;
    private TestDatabases.TestStore testStore;
    private AcsServer acs;
    private ScriptedCpe cpe;

    abstract String store();

    @BeforeEach
    void start() throws Exception {
        testStore = TestDatabases.open(store(), dir);
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).database(testStore.db())
                .cpeCredentials("cpe", "pw").transferTimeout(Duration.ofSeconds(2)).build().start();
        cpe = new ScriptedCpe(acs, "cpe", "pw");
        cpe.post(inform(List.of(new EventStruct("1 BOOT", ""))));
        assertThat(cpe.postEmpty()).isNull();
    }

    @AfterEach
    void stop() throws Exception {
        cpe.close();
        acs.stop();
        testStore.close();
    }

    private static Inform inform(List<EventStruct> events) {
        return new Inform(new DeviceIdStruct("jcwmp", "00D09E", "Box", "T1"), events, 1, "2026-11-21T10:00:00Z", 0,
                List.of(new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "1.0", "xsd:string")));
    }

    private Task queue(String json) throws Exception {
        return acs.tasks().queue(ID, JSON.readTree(json));
    }

    private Task task(long id) {
        return acs.tasks().find(id).orElseThrow();
    }

    /** Runs the Download in a session; the CPE answers status 1 and ends the session. Returns the CommandKey sent. */
    private String acceptDownload(Task t) throws Exception {
        cpe.post(inform(List.of(new EventStruct("6 CONNECTION REQUEST", ""))));
        Envelope request = cpe.postEmpty();
        Download d = (Download) request.body();
        assertThat(cpe.post(Envelope.of(CwmpVersion.V1_2, request.id(),
                new DownloadResponse(1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")))).isNull();
        assertThat(cpe.postEmpty()).isNull();
        return d.commandKey();
    }

    @Test
    void aDownloadAcceptedForLaterStaysRunningUntilItsTransferComplete() throws Exception {
        Task t = queue(DOWNLOAD);
        assertThat(t.commandKey()).isEqualTo("task-" + t.id());
        assertThat(JSON.readTree(t.request()).get("commandKey").asText()).isEqualTo("task-" + t.id());
        String key = acceptDownload(t);
        assertThat(key).isEqualTo("task-" + t.id());
        Task waiting = task(t.id());
        assertThat(waiting.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(waiting.subState()).isEqualTo(Task.AWAITING_TRANSFER_COMPLETE);

        // a later session does not send the Download again: the task is not back in the queue
        cpe.post(inform(List.of(new EventStruct("2 PERIODIC", ""))));
        assertThat(cpe.postEmpty()).isNull();
        assertThat(task(t.id()).status()).isEqualTo(TaskStatus.RUNNING);

        // a TransferComplete under another key finishes nothing
        cpe.post(inform(List.of(new EventStruct("7 TRANSFER COMPLETE", ""), new EventStruct("M Download", "other"))));
        assertThat(cpe.post(new TransferComplete("other", new FaultStruct(0, ""), "2026-11-21T10:01:00Z",
                "2026-11-21T10:02:00Z")).body()).isEqualTo(new TransferCompleteResponse());
        assertThat(cpe.postEmpty()).isNull();
        assertThat(task(t.id()).status()).isEqualTo(TaskStatus.RUNNING);

        cpe.post(inform(List.of(new EventStruct("1 BOOT", ""), new EventStruct("7 TRANSFER COMPLETE", ""),
                new EventStruct("M Download", key))));
        cpe.post(new TransferComplete(key, new FaultStruct(0, ""), "2026-11-21T10:01:00Z", "2026-11-21T10:03:00Z"));
        assertThat(cpe.postEmpty()).isNull();
        Task done = task(t.id());
        assertThat(done.status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.subState()).isNull();
        JsonNode result = JSON.readTree(done.result());
        assertThat(result.path("response").path("status").asInt()).isEqualTo(1);
        assertThat(result.path("transferComplete").path("commandKey").asText()).isEqualTo(key);
        assertThat(result.path("startTime").asText()).isEqualTo("2026-11-21T10:01:00Z");
        assertThat(result.path("completeTime").asText()).isEqualTo("2026-11-21T10:03:00Z");
        assertThat(acs.tasks().whenFinished(t.id()).get(5, java.util.concurrent.TimeUnit.SECONDS).status())
                .isEqualTo(TaskStatus.DONE);
    }

    @Test
    void tasksAKilledAcsSentWithoutAnAnswerAreRequeuedAwaitedOrFailedAtTheNextStart() throws Exception {
        Task gpv = queue("{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.\"]}");
        Task download = queue(DOWNLOAD);
        Task reboot = queue("{\"name\":\"reboot\"}");
        for (int i = 0; i < 3; i++) {
            acs.tasks().next(ID).orElseThrow(); // sent to the CPE; the ACS dies before the answers come
        }

        List<Task> failed = acs.tasks().recoverInterrupted(); // what the next start does

        assertThat(failed).extracting(Task::id).containsExactly(reboot.id());
        assertThat(acs.tasks().find(gpv.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        Task awaiting = acs.tasks().find(download.id()).orElseThrow();
        assertThat(awaiting.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(awaiting.subState()).isEqualTo(Task.AWAITING_TRANSFER_COMPLETE);
        Task notAgain = acs.tasks().find(reboot.id()).orElseThrow();
        assertThat(notAgain.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(notAgain.faultCode()).isEqualTo(TaskService.INTERRUPTED_FAULT);
        assertThat(notAgain.faultString()).contains("not sent again");
        // The CPE had taken the Download after all: its TransferComplete finishes the task.
        cpe.post(inform(List.of(new EventStruct("7 TRANSFER COMPLETE", ""),
                new EventStruct("M Download", download.commandKey()))));
        cpe.post(new TransferComplete(download.commandKey(), new FaultStruct(0, ""), "2026-11-21T10:00:01Z",
                "2026-11-21T10:00:09Z"));
        assertThat(acs.tasks().find(download.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void aTransferCompleteWithAFaultFailsTheTaskWithItsCodeAndTheUsersCommandKeyIsKept() throws Exception {
        Task t = queue(DOWNLOAD.replace("\"fileSize\"", "\"commandKey\":\"fw-2.0\",\"fileSize\""));
        assertThat(t.commandKey()).isEqualTo("fw-2.0");
        String key = acceptDownload(t);
        assertThat(key).isEqualTo("fw-2.0");
        cpe.post(inform(List.of(new EventStruct("7 TRANSFER COMPLETE", ""), new EventStruct("M Download", key))));
        cpe.post(new TransferComplete(key, new FaultStruct(9010, "Download failure: unreachable"),
                "2026-11-21T10:01:00Z", "2026-11-21T10:01:05Z"));
        assertThat(cpe.postEmpty()).isNull();
        Task failed = task(t.id());
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.faultCode()).isEqualTo(9010);
        assertThat(failed.faultString()).isEqualTo("Download failure: unreachable");
        assertThat(failed.result()).contains("2026-11-21T10:01:05Z");
    }

    @Test
    void aCommandKeyLongerThanTr069AllowsIsRefusedAndNothingIsStored() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> queue(DOWNLOAD.replace("\"fileSize\"",
                "\"commandKey\":\"" + "k".repeat(33) + "\",\"fileSize\""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 32");
        assertThat(acs.tasks().forDevice(ID)).isEmpty();
    }

    @Test
    void aTransferThatNeverCompletesFailsAfterTheTimeout() throws Exception {
        Task t = queue(DOWNLOAD);
        acceptDownload(t);
        await().atMost(Duration.ofSeconds(15)).until(() -> task(t.id()).status() == TaskStatus.FAILED);
        Task failed = task(t.id());
        assertThat(failed.faultCode()).isEqualTo(TaskService.TRANSFER_TIMEOUT_FAULT);
        assertThat(failed.faultString()).contains("no TransferComplete within");
        assertThat(failed.subState()).isNull();
    }

    @Test
    void aChangeDUStateWaitsForItsDUStateChangeComplete() throws Exception {
        Task t = queue("""
                {"name":"changeDUState","operations":[{"type":"install","url":"http://files.example/app.ipk"}]}""");
        cpe.post(inform(List.of(new EventStruct("6 CONNECTION REQUEST", ""))));
        Envelope request = cpe.postEmpty();
        String key = ((ChangeDUState) request.body()).commandKey();
        assertThat(key).isEqualTo("task-" + t.id());
        assertThat(cpe.post(Envelope.of(CwmpVersion.V1_2, request.id(), new ChangeDUStateResponse()))).isNull();
        assertThat(task(t.id()).subState()).isEqualTo(Task.AWAITING_DU_STATE_CHANGE_COMPLETE);
        assertThat(cpe.postEmpty()).isNull();

        cpe.post(inform(List.of(new EventStruct("11 DU STATE CHANGE COMPLETE", ""),
                new EventStruct("M ChangeDUState", key))));
        OpResultStruct failedOp = new OpResultStruct("u-1", "", "", "Failed", false, "", "2026-11-21T10:01:00Z",
                "2026-11-21T10:02:00Z", new FaultStruct(9023, "Unknown Execution Environment"));
        assertThat(cpe.post(new DUStateChangeComplete(List.of(failedOp), key)).body())
                .isEqualTo(new DUStateChangeCompleteResponse());
        assertThat(cpe.postEmpty()).isNull();
        Task failed = task(t.id());
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.faultCode()).isEqualTo(9023);
    }

    @Test
    void anAutonomousTransferCompleteIsRecordedAsADeviceEvent() throws Exception {
        cpe.post(inform(List.of(new EventStruct("10 AUTONOMOUS TRANSFER COMPLETE", ""))));
        assertThat(cpe.post(new AutonomousTransferComplete("", "http://files.example/fw-3.bin", true,
                "1 Firmware Upgrade Image", 100, "fw-3.bin", new FaultStruct(0, ""), "2026-11-21T10:01:00Z",
                "2026-11-21T10:02:00Z")).body()).isEqualTo(new AutonomousTransferCompleteResponse());
        assertThat(cpe.postEmpty()).isNull();
        assertThat(acs.devices().events(ID, 10)).extracting(StoredEvent::eventCode)
                .contains("AutonomousTransferComplete", "10 AUTONOMOUS TRANSFER COMPLETE");
        assertThat(acs.operations().events().bus().recent(e -> true, 100).stream().map(e -> e.type()).toList())
                .contains("autonomous-transfer-complete");
    }
}

class H2TransferTaskTest extends TransferTaskTest {
    @Override
    String store() {
        return "h2";
    }
}

class PostgresTransferTaskTest extends TransferTaskTest {
    @Override
    String store() {
        return "postgresql";
    }
}
