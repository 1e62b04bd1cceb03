package org.jcwmp.cpe.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import org.jcwmp.core.rpc.AllQueuedTransferStruct;
import org.jcwmp.core.rpc.AutonomousTransferComplete;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.ScheduleDownload;
import org.jcwmp.core.rpc.TimeWindowStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.rpc.Upload;
import org.jcwmp.cpe.model.CpeFaultException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads, ScheduleDownload windows, CancelTransfer, GetAllQueuedTransfers, autonomous transfers, restarts. */
class TransferQueueTest {
    @TempDir
    Path dir;
    private TestFileServer server;
    private TransferTestSupport device;
    private Transfers transfers;

    @BeforeEach
    void start() throws Exception {
        server = new TestFileServer();
        device = new TransferTestSupport(dir);
        transfers = device.started();
    }

    @AfterEach
    void stop() {
        transfers.stop();
        server.close();
    }

    private TransferComplete awaitComplete(Transfers t) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !t.pendingRequests().isEmpty());
        return (TransferComplete) t.pendingRequests().get(0);
    }

    private static void assertFault(ThrowingCall call, int code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CpeFaultException.class,
                e -> assertThat(e.fault().faultCode()).isEqualTo(code));
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    // ---- Upload ----

    @Test
    void theConfigurationIsUploadedWithBasicAuthenticationAndIsTheModelsWritableConfiguration() throws Exception {
        transfers.accept(new Upload("up", Transfers.UPLOAD_CONFIGURATION, server.url("/auth/cfg.json"), "u", "p", 0));
        TransferComplete tc = awaitComplete(transfers);
        assertThat(tc.commandKey()).isEqualTo("up");
        assertThat(tc.faultStruct().faultCode()).isZero();
        assertThat(server.uploads.get("/auth/cfg.json")).isEqualTo(JsonConfigurationFile.write(device.model));
        assertThat(new String(server.uploads.get("/auth/cfg.json")))
                .contains("\"Device.ManagementServer.PeriodicInformInterval\"")
                .doesNotContain("Device.ManagementServer.Password"); // hidden values stay on the device
        assertThat(device.completed).containsExactly(List.of(new EventStruct(EventCode.TRANSFER_COMPLETE, ""),
                new EventStruct(EventCode.M_UPLOAD, "up")));
        assertThat(List.<Object>copyOf(transfers.outbox().pending(List.of(new EventStruct(EventCode.M_UPLOAD, "up"))))).containsExactly(tc);
        assertThat(transfers.outbox().pending(List.of(new EventStruct(EventCode.M_DOWNLOAD, "up")))).isEmpty();
    }

    @Test
    void anUploadAnswersADigestChallenge() throws Exception {
        transfers.accept(new Upload("dig", Transfers.UPLOAD_LOG, server.url("/digest/cpe.log"), "u", "p", 0));
        assertThat(awaitComplete(transfers).faultStruct().faultCode()).isZero();
        assertThat(server.uploads.get("/digest/cpe.log")).isEqualTo(TransferTestSupport.LOG);
    }

    @Test
    void theLogFileIsUploaded() throws Exception {
        transfers.accept(new Upload("log", Transfers.UPLOAD_LOG, server.url("/logs/cpe.log"), "", "", 0));
        assertThat(awaitComplete(transfers).faultStruct().faultCode()).isZero();
        assertThat(server.uploads.get("/logs/cpe.log")).isEqualTo(TransferTestSupport.LOG);
    }

    @Test
    void uploadFaults() throws Exception {
        transfers.accept(new Upload("bad-auth", Transfers.UPLOAD_LOG, server.url("/auth/x.log"), "u", "wrong", 0));
        assertThat(awaitComplete(transfers).faultStruct().faultCode()).isEqualTo(9012);
        assertFault(() -> transfers.accept(new Upload("ftp", Transfers.UPLOAD_LOG, "ftp://h/x", "", "", 0)), 9013);
        assertFault(() -> transfers.accept(new Upload("t", "3 Vendor Configuration File", server.url("/x"), "", "",
                0)), 9013);
    }

    @Test
    void anUploadRunningWhenTheAgentStoppedIsReportedWith9011AfterTheRestart() throws Exception {
        transfers.accept(new Upload("mid", Transfers.UPLOAD_LOG, server.url("/hold/x.log"), "", "", 0));
        assertThat(server.held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(transfers.queuedTransfers()).singleElement().satisfies(q -> {
            assertThat(q.state()).isEqualTo(2);
            assertThat(q.isDownload()).isFalse();
        });
        transfers.stop();

        Transfers again = device.started();
        try {
            assertThat(again.queuedCount()).isZero();
            TransferComplete tc = (TransferComplete) again.pendingRequests().get(0);
            assertThat(tc.commandKey()).isEqualTo("mid");
            assertThat(tc.faultStruct().faultCode()).isEqualTo(9011);
            assertThat(device.completed).contains(List.of(new EventStruct(EventCode.TRANSFER_COMPLETE, ""),
                    new EventStruct(EventCode.M_UPLOAD, "mid")));
        } finally {
            again.stop();
        }
    }

    // ---- ScheduleDownload ----

    private static ScheduleDownload schedule(String key, String url, TimeWindowStruct... windows) {
        return new ScheduleDownload(key, Transfers.WEB_CONTENT, url, "", "", 0, "", List.of(windows));
    }

    @Test
    void aScheduledDownloadWaitsForItsWindowAndRunsInIt() throws Exception {
        server.files.put("/page.html", "page".getBytes());
        transfers.accept(schedule("sd", server.url("/page.html"),
                new TimeWindowStruct(2, 60, Transfers.WINDOW_AT_ANY_TIME, "", 0)));
        assertThat(transfers.queuedTransfers()).singleElement().satisfies(q -> assertThat(q.state()).isEqualTo(1));
        TransferComplete tc = awaitComplete(transfers);
        assertThat(tc.faultStruct().faultCode()).isZero();
        assertThat(dir.resolve("web-content/page.html")).hasContent("page");
        assertThat(device.completed).containsExactly(List.of(new EventStruct(EventCode.TRANSFER_COMPLETE, ""),
                new EventStruct(EventCode.M_SCHEDULE_DOWNLOAD, "sd")));
    }

    @Test
    void aWindowThatNeedsConfirmationIsSkippedAndTheNextWindowIsUsed() throws Exception {
        server.files.put("/late.html", "late".getBytes());
        transfers.accept(new ScheduleDownload("two", Transfers.WEB_CONTENT, server.url("/late.html"), "", "", 0, "",
                List.of(new TimeWindowStruct(0, 1, Transfers.WINDOW_CONFIRMATION_NEEDED, "ok?", 0),
                        new TimeWindowStruct(1, 30, Transfers.WINDOW_IMMEDIATELY, "", -1))));
        assertThat(awaitComplete(transfers).faultStruct().faultCode()).isZero();
        assertThat(dir.resolve("web-content/late.html")).hasContent("late");
    }

    @Test
    void withoutAUsableWindowTheTransferCompletesWith9020() throws Exception {
        transfers.accept(schedule("confirm", server.url("/page.html"),
                new TimeWindowStruct(0, 30, Transfers.WINDOW_CONFIRMATION_NEEDED, "May I?", 0)));
        TransferComplete first = awaitComplete(transfers);
        assertThat(first.faultStruct().faultCode()).isEqualTo(9020);
        assertThat(first.startTime()).isEqualTo(org.jcwmp.core.rpc.CwmpDateTime.UNKNOWN); // never tried

        transfers.outbox().answered(first);
        transfers.accept(schedule("missing", server.url("/missing.html"),
                new TimeWindowStruct(0, 30, Transfers.WINDOW_WHEN_IDLE, "", 2)));
        TransferComplete second = awaitComplete(transfers);
        assertThat(second.commandKey()).isEqualTo("missing");
        assertThat(second.faultStruct().faultCode()).isEqualTo(9020);
        assertThat(second.faultStruct().faultString()).contains("9016");
    }

    @Test
    void badWindowsAre9003() {
        String url = server.url("/page.html");
        String any = Transfers.WINDOW_AT_ANY_TIME;
        assertFault(() -> transfers.accept(schedule("k", url)), 9003);
        assertFault(() -> transfers.accept(schedule("k", url, new TimeWindowStruct(10, 10, any, "", 0))), 9003);
        assertFault(() -> transfers.accept(schedule("k", url, new TimeWindowStruct(0, 20, any, "", 0),
                new TimeWindowStruct(10, 30, any, "", 0))), 9003);
        assertFault(() -> transfers.accept(schedule("k", url, new TimeWindowStruct(0, 10, any, "", 0),
                new TimeWindowStruct(10, 20, any, "", 0), new TimeWindowStruct(20, 30, any, "", 0))), 9003);
        assertFault(() -> transfers.accept(schedule("k", url, new TimeWindowStruct(0, 10, "5 Whenever", "", 0))),
                9003);
        assertFault(() -> transfers.accept(schedule("k", url, new TimeWindowStruct(0, 10, any, "", -2))), 9003);
        assertThat(transfers.queuedCount()).isZero();
    }

    // ---- CancelTransfer, GetAllQueuedTransfers ----

    @Test
    void aQueuedTransferIsCancelledARunningOneOrAnUnknownKeyIs9021() throws Exception {
        transfers.accept(new Download("later", Transfers.WEB_CONTENT, server.url("/p.html"), "", "", 0, "p.html",
                3600, "", ""));
        transfers.accept(new Upload("later-up", Transfers.UPLOAD_LOG, server.url("/x.log"), "", "", 3600));
        transfers.accept(new Upload("now", Transfers.UPLOAD_LOG, server.url("/hold/x.log"), "", "", 0));
        assertThat(server.held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(transfers.queuedTransfers()).containsExactly(
                new AllQueuedTransferStruct("later", 1, true, Transfers.WEB_CONTENT, 0, "p.html"),
                new AllQueuedTransferStruct("later-up", 1, false, Transfers.UPLOAD_LOG, 0, ""),
                new AllQueuedTransferStruct("now", 2, false, Transfers.UPLOAD_LOG, 0, ""));

        transfers.cancel("later");
        assertFault(() -> transfers.cancel("now"), 9021);
        assertFault(() -> transfers.cancel("never-heard-of"), 9021);
        assertFault(() -> transfers.cancel("later"), 9021);
        assertThat(transfers.queuedTransfers()).extracting(AllQueuedTransferStruct::commandKey)
                .containsExactly("later-up", "now");
        assertThat(device.completed).isEmpty(); // a cancelled transfer has no TransferComplete

        Transfers afterRestart = new TransferTestSupport(dir).transfers();
        assertThat(afterRestart.queuedTransfers()).extracting(AllQueuedTransferStruct::commandKey)
                .containsExactly("later-up", "now");
        server.release();
        assertThat(awaitComplete(transfers).commandKey()).isEqualTo("now");
    }

    @Test
    void aFactoryResetDropsTheQueue() throws Exception {
        transfers.accept(new Upload("later-up", Transfers.UPLOAD_LOG, server.url("/x.log"), "", "", 3600));
        transfers.reset();
        assertThat(transfers.queuedCount()).isZero();
        assertThat(new TransferTestSupport(dir).transfers().queuedCount()).isZero();
    }

    // ---- autonomous ----

    @Test
    void anAutonomousDownloadIsReportedWithAutonomousTransferComplete() throws Exception {
        server.files.put("/auto.json", "{\"parameters\": {\"Device.ManagementServer.PeriodicInformInterval\": \"321\"}}"
                .getBytes());
        transfers.autonomous(true, server.url("/auto.json"), Transfers.VENDOR_CONFIGURATION, "");
        await().atMost(Duration.ofSeconds(10)).until(() -> !transfers.pendingRequests().isEmpty());
        assertThat(device.model.value("Device.ManagementServer.PeriodicInformInterval")).isEqualTo("321");
        EventStruct ten = new EventStruct(EventCode.AUTONOMOUS_TRANSFER_COMPLETE, "");
        assertThat(device.completed).containsExactly(List.of(ten));
        assertThat(transfers.outbox().holds(ten)).isTrue();
        assertThat(transfers.outbox().holds(new EventStruct(EventCode.TRANSFER_COMPLETE, ""))).isFalse();
        assertThat(transfers.outbox().pending(List.of(new EventStruct(EventCode.BOOT, "")))).isEmpty();
        assertThat(transfers.outbox().pending(List.of(ten))).singleElement()
                .isInstanceOfSatisfying(AutonomousTransferComplete.class, a -> {
                    assertThat(a.transferUrl()).isEqualTo(server.url("/auto.json"));
                    assertThat(a.isDownload()).isTrue();
                    assertThat(a.fileType()).isEqualTo(Transfers.VENDOR_CONFIGURATION);
                    assertThat(a.fileSize()).isGreaterThan(10);
                    assertThat(a.faultStruct().faultCode()).isZero();
                    assertThat(a.startTime()).isNotEmpty();
                    assertThat(a.completeTime()).isNotEmpty();
                });
        AutonomousTransferComplete atc = (AutonomousTransferComplete) transfers.pendingRequests().get(0);
        Transfers afterRestart = new TransferTestSupport(dir).transfers();
        assertThat(afterRestart.pendingRequests()).containsExactly(atc);
        afterRestart.outbox().answered(atc);
        assertThat(afterRestart.outbox().holds(ten)).isFalse();
        assertThat(new TransferTestSupport(dir).transfers().pendingRequests()).isEmpty();
    }
}
