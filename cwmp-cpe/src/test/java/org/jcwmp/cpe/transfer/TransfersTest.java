package org.jcwmp.cpe.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.cpe.model.CpeFaultException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transfer queue: persisted, restart-safe, TransferComplete kept until answered. */
class TransfersTest {
    @TempDir
    Path dir;

    private final List<List<EventStruct>> failed = new CopyOnWriteArrayList<>();
    private final List<List<EventStruct>> installed = new CopyOnWriteArrayList<>();

    private final Transfers.Device device = new Transfers.Device() {
        @Override
        public void firmwareInstalled(List<EventStruct> events) {
            installed.add(events);
        }

        @Override
        public void transferCompleted(List<EventStruct> events) {
            failed.add(events);
        }

        @Override
        public byte[] vendorConfigurationFile() {
            return "{}".getBytes();
        }

        @Override
        public byte[] vendorLogFile() {
            return "log".getBytes();
        }
    };

    private Transfers transfers() {
        return new Transfers(dir, new Downloader(Duration.ofSeconds(2)), new Uploader(Duration.ofSeconds(2)),
                FirmwareInstaller.fromFileName(), (file, name) -> {
                });
    }

    private static Download firmware(String key, String url, long delay) {
        return new Download(key, Transfers.FIRMWARE, url, "", "", 0, "", delay, "", "");
    }

    @Test
    void otherFileTypesAndSchemesAre9013() {
        Transfers t = transfers();
        assertThatThrownBy(() -> t.accept(new Download("k", "9 Unknown File Type", "http://x/c", "", "", 0,
                "", 0, "", ""))).isInstanceOfSatisfying(CpeFaultException.class,
                e -> assertThat(e.fault().faultCode()).isEqualTo(9013));
        assertThatThrownBy(() -> t.accept(firmware("k", "ftp://x/fw.bin", 0)))
                .isInstanceOfSatisfying(CpeFaultException.class, e -> assertThat(e.fault().faultCode()).isEqualTo(9013));
        assertThat(t.queuedCount()).isZero();
    }

    @Test
    void aQueuedDownloadSurvivesARestart() throws Exception {
        Transfers t = transfers();
        t.start(device);
        t.accept(firmware("later", "http://127.0.0.1:1/fw-2.0.bin", 3600));
        t.stop();
        assertThat(Files.exists(dir.resolve(Transfers.FILE_NAME))).isTrue();
        Transfers again = transfers();
        assertThat(again.queuedCount()).isEqualTo(1);
        assertThat(again.queuedTransfers()).singleElement().satisfies(q -> {
            assertThat(q.commandKey()).isEqualTo("later");
            assertThat(q.state()).isEqualTo(1);
            assertThat(q.isDownload()).isTrue();
        });
        again.start(device);
        assertThat(failed).isEmpty();
        again.stop();
    }

    @Test
    void aDownloadRunningWhenTheAgentStoppedIsReportedAsFailedAfterTheRestart() throws Exception {
        Files.writeString(dir.resolve(Transfers.FILE_NAME), """
                {"queued":[{"commandKey":"k1","fileType":"1 Firmware Upgrade Image","url":"http://127.0.0.1:1/fw.bin",
                  "username":"","password":"","fileSize":0,"targetFileName":"","due":"2026-01-01T00:00:00Z",
                  "started":"2026-01-01T00:00:01Z"}],"completed":[]}
                """);
        Transfers t = transfers();
        t.start(device);
        assertThat(failed).containsExactly(List.of(new EventStruct(EventCode.TRANSFER_COMPLETE, ""),
                new EventStruct(EventCode.M_DOWNLOAD, "k1")));
        assertThat(t.queuedCount()).isZero();
        assertThat(t.pendingRequests()).singleElement().isInstanceOfSatisfying(TransferComplete.class,
                tc -> assertThat(tc.faultStruct().faultCode()).isEqualTo(9010));
        t.stop();
    }

    @Test
    void aFailedDownloadIsKeptUntilTheAcsAnswersItsTransferComplete() throws Exception {
        Transfers t = transfers();
        t.start(device);
        t.accept(firmware("k2", "http://127.0.0.1:1/fw.bin", 0)); // nothing listens on port 1
        await().atMost(Duration.ofSeconds(10)).until(() -> !failed.isEmpty());
        assertThat(installed).isEmpty();
        TransferComplete tc = (TransferComplete) t.pendingRequests().get(0);
        assertThat(tc.commandKey()).isEqualTo("k2");
        assertThat(tc.faultStruct().faultCode()).isEqualTo(9015);
        assertThat(t.outbox().holds(new EventStruct(EventCode.M_DOWNLOAD, "k2"))).isTrue();
        assertThat(t.outbox().holds(new EventStruct(EventCode.TRANSFER_COMPLETE, ""))).isTrue();
        t.stop();

        Transfers again = transfers(); // the pending TransferComplete is on disk
        assertThat(again.pendingRequests()).containsExactly(tc);
        again.outbox().answered(tc);
        assertThat(again.outbox().holds(new EventStruct(EventCode.M_DOWNLOAD, "k2"))).isFalse();
        assertThat(transfers().pendingRequests()).isEmpty();
    }
}
