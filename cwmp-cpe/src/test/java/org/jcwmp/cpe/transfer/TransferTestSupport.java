package org.jcwmp.cpe.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.FaultStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.cpe.model.DataModel;
import org.jcwmp.cpe.model.DeviceProfile;

/** A transfer queue on a real home-gateway data model, with a device that records what the transfers report. */
final class TransferTestSupport implements Transfers.Device {
    static final byte[] LOG = "2026-01-01T00:00:00Z session started\n".getBytes();

    final DataModel model = new DataModel(DeviceProfile.load(DeviceProfile.HOME_GATEWAY));
    final List<List<EventStruct>> completed = new CopyOnWriteArrayList<>();
    final List<List<EventStruct>> installed = new CopyOnWriteArrayList<>();
    private final Path dir;

    TransferTestSupport(Path dir) {
        this.dir = dir;
    }

    /** A new queue on the directory (as after a restart), not started. */
    Transfers transfers() {
        Transfers t = new Transfers(dir, new Downloader(Duration.ofSeconds(5)), new Uploader(Duration.ofSeconds(5)),
                FirmwareInstaller.fromFileName(), new JsonConfigurationFile(model));
        t.retryPause(Duration.ofMillis(200));
        return t;
    }

    Transfers started() {
        Transfers t = transfers();
        t.start(this);
        return t;
    }

    static FaultStruct fault(CwmpRequest r) {
        return ((TransferComplete) r).faultStruct();
    }

    @Override
    public void firmwareInstalled(List<EventStruct> events) {
        installed.add(events);
    }

    @Override
    public void transferCompleted(List<EventStruct> events) {
        completed.add(events);
    }

    @Override
    public byte[] vendorConfigurationFile() {
        return JsonConfigurationFile.write(model);
    }

    @Override
    public byte[] vendorLogFile() {
        return LOG;
    }
}
