package org.jcwmp.acs.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fewest RPCs from the stored state to the wanted one; none when the device is compliant. */
class PlannerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Planner planner = new Planner(JSON);

    private static Preset preset(String name, String json) throws Exception {
        return PresetParser.parse(name, JSON.readTree(json));
    }

    private static Planner.Stored stored(Map<String, String> values, Set<String> tags) {
        Map<String, String> types = new HashMap<>();
        values.keySet().forEach(n -> types.put(n, n.endsWith("Interval") ? "xsd:unsignedInt" : "xsd:string"));
        Set<String> names = new HashSet<>(values.keySet());
        return new Planner.Stored(values, types, names, tags);
    }

    @Test
    void compliantDeviceGetsNothing() throws Exception {
        Preset p = preset("p", "{\"parameters\": {\"Device.ManagementServer.PeriodicInformInterval\": 300, "
                + "\"Device.ManagementServer.PeriodicInformEnable\": true}, \"tags\": [\"ok\"]}");
        Planner.Plan plan = planner.plan(List.of(p), stored(Map.of("Device.ManagementServer.PeriodicInformInterval", "300",
                "Device.ManagementServer.PeriodicInformEnable", "1"), Set.of("ok")), new SessionState(List.of()));
        assertThat(plan.tasks()).isEmpty();
        assertThat(plan.addTags()).isEmpty();
    }

    @Test
    void allDifferingOrUnknownValuesGoInOneSetParameterValues() throws Exception {
        Preset light = preset("light", "{\"weight\": 1, \"parameters\": {\"Device.A.Interval\": 60, \"Device.A.Name\": \"x\"}}");
        Preset heavy = preset("heavy", "{\"weight\": 5, \"parameters\": {\"Device.A.Name\": \"y\", \"Device.A.Same\": \"s\", "
                + "\"Device.A.Unknown\": [\"u\", \"xsd:string\"]}, \"tags\": {\"add\": [\"t\"], \"remove\": [\"old\"]}}");
        Planner.Plan plan = planner.plan(List.of(light, heavy), stored(Map.of("Device.A.Interval", "30", "Device.A.Name", "x",
                "Device.A.Same", "s"), Set.of("old")), new SessionState(List.of()));
        assertThat(plan.tasks()).hasSize(1);
        var spv = plan.tasks().getFirst();
        assertThat(spv.get("name").asText()).isEqualTo("setParameterValues");
        assertThat(spv.get("parameterValues").toString()).isEqualTo(
                "[[\"Device.A.Interval\",60],[\"Device.A.Name\",\"y\"],[\"Device.A.Unknown\",\"u\",\"xsd:string\"]]");
        assertThat(spv.get("presets").toString()).isEqualTo("[\"heavy\",\"light\"]");
        assertThat(plan.addTags()).containsExactly("t");
        assertThat(plan.removeTags()).containsExactly("old");
    }

    @Test
    void aMissingObjectIsReadThenAddedThenSet() throws Exception {
        Preset p = preset("pool", "{\"objects\": [{\"path\": \"Device.DHCPv4.Server.Pool.\", \"match\": {\"Alias\": \"guest\"}, "
                + "\"values\": {\"Enable\": true}}]}");
        SessionState state = new SessionState(List.of("0 BOOTSTRAP"));
        Map<String, String> values = new HashMap<>();

        Planner.Plan read = planner.plan(List.of(p), stored(values, Set.of()), state);
        assertThat(read.tasks()).extracting(t -> t.get("name").asText()).containsExactly("getParameterValues");
        assertThat(read.recheck()).isTrue();

        values.put("Device.DHCPv4.Server.Pool.1.Alias", "lan");
        Planner.Plan add = planner.plan(List.of(p), stored(values, Set.of()), state);
        assertThat(add.tasks()).extracting(t -> t.get("name").asText()).containsExactly("addObject");
        assertThat(add.tasks().getFirst().get("objectName").asText()).isEqualTo("Device.DHCPv4.Server.Pool.");

        Map<String, String> after = new HashMap<>(values);
        Planner.Stored withNew = stored(after, Set.of());
        withNew.names().add("Device.DHCPv4.Server.Pool.2.");
        Planner.Plan set = planner.plan(List.of(p), withNew, state);
        assertThat(set.tasks()).hasSize(1);
        assertThat(set.tasks().getFirst().get("parameterValues").toString())
                .contains("Device.DHCPv4.Server.Pool.2.Alias", "guest", "Device.DHCPv4.Server.Pool.2.Enable");

        after.put("Device.DHCPv4.Server.Pool.2.Alias", "guest");
        after.put("Device.DHCPv4.Server.Pool.2.Enable", "true");
        assertThat(planner.plan(List.of(p), stored(after, Set.of()), new SessionState(List.of())).tasks()).isEmpty();
    }

    @Test
    void aWantedSoftwareVersionIsPlannedOnlyWhenTheDeviceRunsAnother() throws Exception {
        Preset p = preset("fw", "{\"softwareVersion\": \"2.0\"}");
        Planner.Plan plan = planner.plan(List.of(p), stored(Map.of("Device.DeviceInfo.SoftwareVersion", "1.0"), Set.of()),
                new SessionState(List.of()));
        assertThat(plan.tasks()).isEmpty(); // the Provisioner turns it into the Download of a fitting image
        assertThat(plan.firmware()).isEqualTo(new Planner.Firmware("2.0", "fw"));

        Planner.Plan there = planner.plan(List.of(p), stored(Map.of("Device.DeviceInfo.SoftwareVersion", "2.0"), Set.of()),
                new SessionState(List.of()));
        assertThat(there.firmware()).isNull();
    }

    @Test
    void presetsAreChecked() {
        assertThatThrownBy(() -> preset("bad name", "{}")).hasMessageContaining("preset name");
        assertThatThrownBy(() -> preset("p", "{\"paramaters\": {}}")).hasMessageContaining("unknown preset field");
        assertThatThrownBy(() -> preset("p", "{\"parameters\": {\"device.x\": 1}}")).hasMessageContaining("not a parameter name");
        assertThatThrownBy(() -> preset("p", "{\"objects\": [{\"path\": \"Device.X\"}]}")).hasMessageContaining("ending with a dot");
        assertThatThrownBy(() -> preset("p", "{\"precondition\": {\"$bad\": 1}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> preset("p", "{\"tags\": [\"no spaces\"]}")).hasMessageContaining("tag");
    }
}
