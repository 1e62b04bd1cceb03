package org.jcwmp.cpe.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jcwmp.core.rpc.EventStruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    @Test
    void nothingSavedMeansOutOfTheBox() {
        assertThat(new StateStore(dir.resolve("missing")).load()).isEmpty();
    }

    @Test
    void roundTripsAndLeavesNoTemporaryFile() throws Exception {
        StateStore store = new StateStore(dir.resolve("sub"));
        AgentState state = new AgentState(true, Map.of("Device.ManagementServer.URL", "http://acs/", "Device.X", "ü\"\n"),
                List.of(new EventStruct("1 BOOT", ""), new EventStruct("M Reboot", "ck")));
        store.save(state);
        store.save(state);
        assertThat(new StateStore(dir.resolve("sub")).load()).contains(state);
        try (var files = Files.list(dir.resolve("sub"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(StateStore.FILE_NAME);
        }
    }

    @Test
    void aCorruptFileIsAnErrorNotAFreshStart() throws Exception {
        Files.writeString(dir.resolve(StateStore.FILE_NAME), "{ not json");
        assertThatThrownBy(() -> new StateStore(dir).load()).isInstanceOf(UncheckedIOException.class);
    }
}
