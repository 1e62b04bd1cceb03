package org.jcwmp.cpe.software;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.cpe.model.DataModel;
import org.jcwmp.cpe.model.DeviceProfile;
import org.jcwmp.cpe.transfer.Downloader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link SoftwareModules#start} makes of the state file it finds. */
class SoftwareModulesRestartTest {
    private static final String RESULT = """
            {"uuid":"6f1f0c2e-1111-5222-8333-444455556666","deploymentUnitRef":"Device.SoftwareModules.DeploymentUnit.1",
             "version":"1.0","currentState":"Installed","resolved":true,
             "executionUnitRefList":"","startTime":"2026-01-01T00:00:00Z","completeTime":"2026-01-01T00:00:01Z",
             "fault":{"faultCode":0,"faultString":""}}""";

    @TempDir
    Path dir;
    private final List<List<EventStruct>> queued = new CopyOnWriteArrayList<>();

    private SoftwareModules modules() throws Exception {
        Files.writeString(dir.resolve(PendingChanges.FILE_NAME), "{\"changes\":[],\"completes\":[{\"commandKey\":\"k\","
                + "\"results\":[" + RESULT + "]}],\"autonomous\":[],\"nextId\":2}");
        return new SoftwareModules(new DataModel(DeviceProfile.load(DeviceProfile.HOME_GATEWAY)), dir,
                new Downloader(Duration.ofSeconds(2)), DeploymentUnitInstaller.recordOnly());
    }

    @Test
    void aCompleteWhoseEventsWereLostGetsThemAgain() throws Exception {
        SoftwareModules sm = modules();
        sm.start(queued::add, List.of(new EventStruct(EventCode.BOOT, "")));
        assertThat(queued).containsExactly(List.of(new EventStruct(EventCode.DU_STATE_CHANGE_COMPLETE, ""),
                new EventStruct(EventCode.M_CHANGE_DU_STATE, "k")));
        assertThat(sm.pending(queued.get(0))).singleElement().isInstanceOfSatisfying(DUStateChangeComplete.class,
                dc -> assertThat(dc.commandKey()).isEqualTo("k"));
        assertThat(sm.holds(new EventStruct(EventCode.M_CHANGE_DU_STATE, "k"))).isTrue();
        sm.stop();
    }

    @Test
    void aCompleteWhoseEventsAreQueuedGetsNoMore() throws Exception {
        SoftwareModules sm = modules();
        sm.start(queued::add, List.of(new EventStruct(EventCode.DU_STATE_CHANGE_COMPLETE, ""),
                new EventStruct(EventCode.M_CHANGE_DU_STATE, "k")));
        assertThat(queued).isEmpty();
        DUStateChangeComplete dc = (DUStateChangeComplete) sm.pending(
                List.of(new EventStruct(EventCode.M_CHANGE_DU_STATE, "k"))).get(0);
        assertThat(sm.answered(dc)).containsExactly(new EventStruct(EventCode.M_CHANGE_DU_STATE, "k"),
                new EventStruct(EventCode.DU_STATE_CHANGE_COMPLETE, ""));
        assertThat(sm.holds(new EventStruct(EventCode.DU_STATE_CHANGE_COMPLETE, ""))).isFalse();
        sm.stop();
    }
}
