package org.jcwmp.cpe.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jcwmp.cpe.gateway.GatewayConfiguration.InvalidConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayConfigurationTest {
    private final GatewayDrivers drivers = GatewayDrivers.load();

    @AfterEach
    void close() {
        drivers.close();
    }

    private GatewayConfiguration parse(String json) throws InvalidConfigurationException {
        return GatewayConfiguration.parse(json.getBytes(UTF_8), drivers);
    }

    @Test
    void driversAreFoundWithTheServiceLoader() {
        assertThat(drivers.driverNames()).contains("simulated", "mqtt");
        assertThat(drivers.typeNames()).contains("electricityMeter", "temperatureHumidity", "waterMeter");
    }

    @Test
    void readsItemsWithTheirSettingsAsText() throws Exception {
        GatewayConfiguration c = parse("""
                {"items": [
                  {"serial": "26", "vendor": "PIKKETRON", "type": "electricityMeter", "driver": "simulated",
                   "settings": {"interval": 5, "location": "hall"}},
                  {"serial": 987, "vendor": "WEBTECH", "type": "temperatureHumidity", "driver": "mqtt",
                   "settings": {"topic": "home/987", "enable": false}}]}
                """);

        assertThat(c.items()).extracting(ItemConfig::serial).containsExactly("26", "987");
        assertThat(c.item("26").orElseThrow().settings()).containsEntry("interval", "5").containsEntry("location", "hall");
        assertThat(c.item("987").orElseThrow().enabled()).isFalse();
        assertThat(GatewayConfiguration.parse(c.toJson(), drivers)).isEqualTo(c);
    }

    @Test
    void namesEveryProblemAtOnce() {
        assertThatThrownBy(() -> parse("""
                {"items": [
                  {"serial": "1", "vendor": "A", "type": "gasMeter", "driver": "simulated"},
                  {"serial": "2", "vendor": "A", "type": "waterMeter", "driver": "zigbee"},
                  {"serial": "1", "vendor": "A", "type": "waterMeter", "driver": "simulated"},
                  {"vendor": "A", "type": "waterMeter", "driver": "simulated"},
                  {"serial": "5", "type": "waterMeter", "driver": "simulated", "settings": {"interval": 0}},
                  {"serial": "6", "vendor": "A", "type": "waterMeter", "driver": "simulated", "settings": {"colour": 1}},
                  {"serial": "7", "vendor": "A", "type": "waterMeter", "driver": "mqtt", "settings": {"topic": "a/#"}}]}
                """))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "item 1: unknown type gasMeter (known: [electricityMeter, temperatureHumidity, waterMeter])",
                        "item 2: unknown driver zigbee (known: [simulated, mqtt])",
                        "duplicate serial 1",
                        "item 3: missing serial",
                        "item 5: missing vendor",
                        "item 5: setting interval must be 1..86400 seconds, not 0",
                        "item 6: unknown setting colour for driver simulated (known: [enable, interval, location])",
                        "item 7: setting topic must name one topic (no wildcards), not 'a/#'"));
    }

    @Test
    void rejectsWhatIsNotAConfiguration() {
        assertThatThrownBy(() -> parse("{\"items\": [")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> parse("[]")).hasMessage("expected an object with an \"items\" array");
        assertThatThrownBy(() -> parse("{\"items\": [3]}")).hasMessage("item 0 is not an object");
    }
}
