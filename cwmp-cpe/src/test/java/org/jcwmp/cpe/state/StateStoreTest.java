package org.jcwmp.cpe.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.cpe.model.ModelState;
import org.jcwmp.cpe.model.ParameterAttributes;
import org.jcwmp.cpe.session.ScheduledInforms.ScheduledInform;
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
        ModelState model = new ModelState(List.of("Device.IP.Interface.1.", "Device.IP.Interface.3."),
                Map.of("Device.IP.Interface.", 4L),
                Map.of("Device.ManagementServer.URL", "http://acs/", "Device.X", "ü\"\n"),
                Map.of("Device.X", new ParameterAttributes(2, List.of("Subscriber"))));
        AgentState state = new AgentState("home-gateway", true, model,
                List.of(new EventStruct("1 BOOT", ""), new EventStruct("M Reboot", "ck")),
                List.of("Device.X"), List.of(new ScheduledInform(Instant.parse("2030-01-01T00:00:00Z"), "later")));
        store.save(state);
        store.save(state);
        assertThat(new StateStore(dir.resolve("sub")).load()).contains(state);
        try (var files = Files.list(dir.resolve("sub"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(StateStore.FILE_NAME);
        }
    }

    @Test
    void aStateOfTheFirstFormatStillReads() throws Exception {
        Files.writeString(dir.resolve(StateStore.FILE_NAME), """
                {"format":1,"bootstrapDone":true,"values":{"Device.ManagementServer.URL":"http://acs/"},
                 "pendingEvents":[{"eventCode":"1 BOOT","commandKey":""}]}""");
        AgentState state = new StateStore(dir).load().orElseThrow();
        assertThat(state.profile()).isNull();
        assertThat(state.model().instances()).as("the profile's instances").isNull();
        assertThat(state.model().values()).containsEntry("Device.ManagementServer.URL", "http://acs/");
        assertThat(state.pendingEvents()).containsExactly(new EventStruct("1 BOOT", ""));
        assertThat(state.pendingChanges()).isEmpty();
    }

    @Test
    void aCorruptFileIsAnErrorNotAFreshStart() throws Exception {
        Files.writeString(dir.resolve(StateStore.FILE_NAME), "{ not json");
        assertThatThrownBy(() -> new StateStore(dir).load()).isInstanceOf(UncheckedIOException.class);
    }
}
