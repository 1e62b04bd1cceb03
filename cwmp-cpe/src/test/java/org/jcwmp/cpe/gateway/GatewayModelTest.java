package org.jcwmp.cpe.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.cpe.CpeAgent;
import org.jcwmp.cpe.model.ChangeOrigin;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.model.DataModel;
import org.jcwmp.cpe.model.ModelListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway inside an agent (built, not started): configurations applied to the registry and the data model. */
class GatewayModelTest {
    private static final String TABLE = "Device.ManagementServer.EmbeddedDevice.";
    @TempDir
    Path dir;
    private CpeAgent agent;
    private Gateway gateway;
    /** Readings are driven by hand: the driver records the sinks. */
    private final ManualDriver manual = new ManualDriver();

    static class ManualDriver implements GatewayDriver {
        final Map<String, ReadingSink> sinks = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public String name() {
            return "manual";
        }

        @Override
        public List<ItemType> types() {
            return List.of(ItemType.ELECTRICITY_METER, ItemType.TEMPERATURE_HUMIDITY, ItemType.WATER_METER);
        }

        @Override
        public boolean supports(ItemType type) {
            return true;
        }

        @Override
        public List<String> check(ItemConfig item) {
            return List.of();
        }

        @Override
        public Connection connect(Item item, ReadingSink sink) {
            sinks.put(item.serial(), sink);
            return () -> sinks.remove(item.serial(), sink);
        }
    }

    @BeforeEach
    void build() {
        agent = agent(dir.resolve("state"));
        gateway = new Gateway(new GatewayDrivers(List.of(manual)));
        gateway.attach(agent);
    }

    @AfterEach
    void close() {
        gateway.close();
        agent.close();
    }

    private static CpeAgent agent(Path state) {
        return CpeAgent.builder().profile(GatewayProfile.load()).acsUrl(URI.create("http://127.0.0.1:9/acs"))
                .stateDirectory(state).deviceId(new DeviceIdStruct("jcwmp", "00D09E", "IoTGateway", "GW0001"))
                .connectionRequestAddress("127.0.0.1", 0).build();
    }

    private Path file(String json) throws Exception {
        Path f = Files.createTempFile(dir, "gateway", ".json");
        Files.writeString(f, json);
        return f;
    }

    private static final String THREE = """
            {"items": [
              {"serial": "26", "vendor": "PIKKETRON", "type": "electricityMeter", "driver": "manual"},
              {"serial": "987", "vendor": "WEBTECH", "type": "temperatureHumidity", "driver": "manual",
               "settings": {"location": "kitchen"}},
              {"serial": "1234", "vendor": "BONEGA", "type": "waterMeter", "driver": "manual"}]}
            """;

    private String value(String path) {
        return agent.model().value(path);
    }

    private String item(String serial) {
        return gateway.instance(serial).orElseThrow();
    }

    @Test
    void itemsAppearAsEmbeddedDevicesWithTheirReadings() throws Exception {
        gateway.applyFile(file(THREE));

        assertThat(value("Device.ManagementServer.EmbeddedDeviceNumberOfEntries")).isEqualTo("3");
        String meter = item("26");
        assertThat(value(meter + "ProxiedDeviceID")).isEqualTo("26");
        assertThat(value(meter + "ControllerID")).isEqualTo("manual");
        assertThat(value(meter + "X_JCWMP_Item.Vendor")).isEqualTo("PIKKETRON");
        assertThat(value(meter + "X_JCWMP_Item.Type")).isEqualTo("electricityMeter");
        assertThat(value(meter + "X_JCWMP_Item.ReadingNumberOfEntries")).isEqualTo("2");
        assertThat(value(meter + "X_JCWMP_Item.Reading.1.Name")).isEqualTo("T1");
        assertThat(value(meter + "X_JCWMP_Item.Reading.1.Unit")).isEqualTo("kWh");
        assertThat(value(meter + "X_JCWMP_Item.Reading.1.Value")).isEqualTo("0");
        assertThat(value(item("987") + "X_JCWMP_Item.Location")).isEqualTo("kitchen");

        List<ParameterValueStruct> all = agent.model().getParameterValues(List.of(TABLE));
        assertThat(all).extracting(ParameterValueStruct::name).contains(item("1234") + "X_JCWMP_Item.Reading.2.Value");
        assertThat(gateway.events().since(0)).extracting(ConsoleEvent::kind).containsExactly(ConsoleEvent.NEW_CONFIGURATION);
    }

    @Test
    void readingsReachTheModelAsTheDevicesOwnChanges() throws Exception {
        gateway.applyFile(file(THREE));
        List<Set<String>> local = new CopyOnWriteArrayList<>();
        agent.model().addListener((ModelListener) (paths, origin) -> {
            if (origin == ChangeOrigin.LOCAL) {
                local.add(paths);
            }
        });

        manual.sinks.get("987").readings(Map.of("temp", "25.5", "hum", "43"));

        String sensor = item("987");
        assertThat(value(sensor + "X_JCWMP_Item.Reading.1.Value")).isEqualTo("43");
        assertThat(value(sensor + "X_JCWMP_Item.Reading.2.Value")).isEqualTo("25.5");
        assertThat(value(sensor + "LastSyncTime")).isNotEqualTo("0001-01-01T00:00:00Z");
        assertThat(local).anySatisfy(p -> assertThat(p).contains(sensor + "X_JCWMP_Item.Reading.2.Value"));
        ConsoleEvent updated = gateway.events().since(0).getLast();
        assertThat(updated.kind()).isEqualTo(ConsoleEvent.ITEM_UPDATED);
        assertThat(updated.data()).containsEntry("serial", "987").containsEntry("vendor", "WEBTECH");
    }

    @Test
    void aBadFileChangesNothing() throws Exception {
        gateway.applyFile(file(THREE));
        var before = agent.model().getParameterValues(List.of(TABLE));
        long events = gateway.events().lastId();

        assertThatThrownBy(() -> gateway.apply(file("""
                {"items": [
                  {"serial": "26", "vendor": "PIKKETRON", "type": "electricityMeter", "driver": "manual"},
                  {"serial": "26", "vendor": "X", "type": "waterMeter", "driver": "manual"}]}
                """), "gw.json"))
                .isInstanceOfSatisfying(CpeFaultException.class, e -> {
                    assertThat(e.fault().faultCode()).isEqualTo(FaultCode.FILE_CORRUPTED.code());
                    assertThat(e.fault().faultString()).contains("duplicate serial 26");
                });

        assertThat(agent.model().getParameterValues(List.of(TABLE))).isEqualTo(before);
        assertThat(gateway.registry().size()).isEqualTo(3);
        assertThat(manual.sinks).containsOnlyKeys("26", "987", "1234");
        assertThat(gateway.events().lastId()).isEqualTo(events);
    }

    @Test
    void aNewConfigurationAddsChangesAndRemovesItems() throws Exception {
        gateway.applyFile(file(THREE));
        String sensor = item("987");
        manual.sinks.get("26").readings(Map.of("T1", "53"));

        gateway.applyFile(file("""
                {"items": [
                  {"serial": "26", "vendor": "PIKKETRON", "type": "electricityMeter", "driver": "manual"},
                  {"serial": "987", "vendor": "WEBTECH", "type": "temperatureHumidity", "driver": "manual",
                   "settings": {"location": "bedroom"}},
                  {"serial": "55", "vendor": "NEW", "type": "waterMeter", "driver": "manual"}]}
                """));

        assertThat(gateway.instance("1234")).isEmpty();
        assertThat(gateway.registry().get("1234")).isEmpty();
        assertThat(manual.sinks).containsOnlyKeys("26", "987", "55");
        assertThat(item("987")).isEqualTo(sensor);
        assertThat(value(sensor + "X_JCWMP_Item.Location")).isEqualTo("bedroom");
        assertThat(value(item("26") + "X_JCWMP_Item.Reading.1.Value")).isEqualTo("53");
        assertThat(value(item("55") + "X_JCWMP_Item.Vendor")).isEqualTo("NEW");
        assertThat(value("Device.ManagementServer.EmbeddedDeviceNumberOfEntries")).isEqualTo("3");
    }

    @Test
    void theAcsWritesAnItemsSettings() throws Exception {
        gateway.applyFile(file(THREE));
        String meter = item("26");

        agent.model().setParameterValues(List.of(
                new ParameterValueStruct(meter + "X_JCWMP_Item.Enable", "false", "xsd:boolean"),
                new ParameterValueStruct(meter + "X_JCWMP_Item.Location", "cellar", "xsd:string")), "k1");

        assertThat(manual.sinks).doesNotContainKey("26");
        ItemConfig config = gateway.registry().get("26").orElseThrow().config();
        assertThat(config.enabled()).isFalse();
        assertThat(config.setting("location", "")).isEqualTo("cellar");
        assertThat(gateway.configuration().item("26").orElseThrow()).isEqualTo(config);
    }

    @Test
    void anItemItsDriverCannotStartStaysListedAndTheRestIsApplied() throws Exception {
        GatewayDriver broken = new ManualDriver() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<ItemType> types() {
                return List.of();
            }

            @Override
            public Connection connect(Item item, ReadingSink sink) {
                throw new IllegalStateException("radio unplugged");
            }
        };
        try (Gateway other = new Gateway(new GatewayDrivers(List.of(manual, broken)));
             CpeAgent second = agent(dir.resolve("state-2"))) {
            other.attach(second);
            other.apply(GatewayConfiguration.parse("""
                    {"items": [{"serial": "1", "vendor": "A", "type": "waterMeter", "driver": "broken"},
                               {"serial": "2", "vendor": "B", "type": "waterMeter", "driver": "manual"}]}
                    """.getBytes(UTF_8), other.drivers()));

            assertThat(other.registry().items()).extracting(Item::serial).containsExactly("1", "2");
            assertThat(other.instance("1")).isPresent();
            assertThat(manual.sinks).containsKey("2");
        }
    }

    @Test
    void readingsAreNotWritable() throws Exception {
        gateway.applyFile(file(THREE));

        assertThatThrownBy(() -> agent.model().setParameterValues(List.of(new ParameterValueStruct(
                item("26") + "X_JCWMP_Item.Reading.1.Value", "1", null)), "k"))
                .isInstanceOf(CpeFaultException.class);
    }

    @Test
    void aRestartedGatewayKeepsItsInstancesForItemsThatRemain() throws Exception {
        gateway.applyFile(file(THREE));
        String sensor = item("987");
        agent.start();
        agent.stop(); // persists the model
        gateway.close();

        CpeAgent again = agent(dir.resolve("state"));
        try (Gateway next = new Gateway(new GatewayDrivers(List.of(new ManualDriver())))) {
            next.apply(GatewayConfiguration.parse("""
                    {"items": [{"serial": "987", "vendor": "WEBTECH", "type": "temperatureHumidity", "driver": "manual"}]}
                    """.getBytes(UTF_8), next.drivers()));
            next.attach(again);
            DataModel model = again.model();
            assertThat(next.instance("987")).contains(sensor);
            assertThat(model.value("Device.ManagementServer.EmbeddedDeviceNumberOfEntries")).isEqualTo("1");
        } finally {
            again.close();
        }
    }
}
