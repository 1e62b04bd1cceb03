package org.jcwmp.cpe.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemRegistryTest {
    private static final Instant NOW = Instant.parse("2026-11-21T17:02:25Z");
    private final ItemRegistry registry = new ItemRegistry(Clock.fixed(NOW, ZoneOffset.UTC));

    private static ItemConfig meter(String serial) {
        return new ItemConfig(serial, "PIKKETRON", "electricityMeter", "simulated", Map.of());
    }

    @Test
    void aNewItemStartsWithZeroReadingsInItsTypesOrder() {
        Item item = registry.put(meter("26"), ItemType.ELECTRICITY_METER);

        assertThat(item.readings()).containsExactly(Map.entry("T1", "0"), Map.entry("T2", "0"));
        assertThat(item.updated()).isNull();
        assertThat(registry.get("26")).contains(item);
    }

    @Test
    void updateRecordsOnlyChangedReadingsTheTypeHas() {
        registry.put(meter("26"), ItemType.ELECTRICITY_METER);

        Map<String, String> changed = registry.update("26", Map.of("T1", "53", "T2", "0", "hum", "40"));

        assertThat(changed).containsExactly(Map.entry("T1", "53"));
        assertThat(registry.get("26").orElseThrow().readings()).containsExactly(Map.entry("T1", "53"), Map.entry("T2", "0"));
        assertThat(registry.get("26").orElseThrow().updated()).isEqualTo(NOW);
        assertThat(registry.update("26", Map.of("T1", "53"))).isEmpty();
    }

    @Test
    void tooLongValuesAndUnknownItemsAreIgnored() {
        registry.put(meter("26"), ItemType.ELECTRICITY_METER);

        assertThat(registry.update("26", Map.of("T1", "9".repeat(65)))).isEmpty();
        assertThat(registry.update("27", Map.of("T1", "1"))).isEmpty();
        assertThat(registry.get("27")).isEmpty();
    }

    @Test
    void replacingAnItemKeepsReadingsOfTheSameTypeOnly() {
        registry.put(meter("26"), ItemType.ELECTRICITY_METER);
        registry.update("26", Map.of("T1", "5"));

        Item renamed = registry.put(new ItemConfig("26", "OTHER", "electricityMeter", "simulated", Map.of()),
                ItemType.ELECTRICITY_METER);
        assertThat(renamed.vendor()).isEqualTo("OTHER");
        assertThat(renamed.readings()).containsEntry("T1", "5");

        Item retyped = registry.put(new ItemConfig("26", "OTHER", "waterMeter", "simulated", Map.of()),
                ItemType.WATER_METER);
        assertThat(retyped.readings()).containsExactly(Map.entry("warm", "0"), Map.entry("cold", "0"));
    }

    @Test
    void itemsAreListedBySerialAndRemovable() {
        registry.put(meter("b"), ItemType.ELECTRICITY_METER);
        registry.put(meter("a"), ItemType.ELECTRICITY_METER);

        assertThat(registry.items()).extracting(Item::serial).containsExactly("a", "b");
        assertThat(registry.remove("a")).isPresent();
        assertThat(registry.remove("a")).isEmpty();
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void anItemMustBeOfTheTypeItsConfigurationNames() {
        assertThatThrownBy(() -> registry.put(meter("26"), ItemType.WATER_METER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
