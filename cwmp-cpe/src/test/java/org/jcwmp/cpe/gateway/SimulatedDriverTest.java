package org.jcwmp.cpe.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedDriverTest {
    private final SimulatedDriver driver = new SimulatedDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    private static Item fresh(ItemConfig config, ItemType type) {
        return new Item(config, type, type.zeroReadings(), null);
    }

    @Test
    void aMeterReportsGrowingReadingsEveryInterval() {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        ItemConfig item = new ItemConfig("26", "PIKKETRON", "electricityMeter", "simulated", Map.of("interval", "1"));

        try (GatewayDriver.Connection c = driver.connect(fresh(item, ItemType.ELECTRICITY_METER), seen::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 2);
        }
        long first = Long.parseLong(seen.get(0).get("T1"));
        long second = Long.parseLong(seen.get(1).get("T1"));
        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
        assertThat(seen.get(0)).containsOnlyKeys("T1", "T2");
    }

    @Test
    void aClosedConnectionReportsNoMore() throws Exception {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        ItemConfig item = new ItemConfig("1234", "BONEGA", "waterMeter", "simulated", Map.of("interval", "1"));
        GatewayDriver.Connection c = driver.connect(fresh(item, ItemType.WATER_METER), seen::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
        c.close();
        int count = seen.size();

        Thread.sleep(1500); // longer than the interval: a reading would have come
        assertThat(seen).hasSize(count);
    }

    @Test
    void aMeterStartsFromTheItemsLatestReadings() {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        ItemConfig item = new ItemConfig("1234", "BONEGA", "waterMeter", "simulated", Map.of("interval", "1"));
        Item known = new Item(item, ItemType.WATER_METER, Map.of("warm", "135241", "cold", "458771"), null);

        try (GatewayDriver.Connection c = driver.connect(known, seen::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
        }
        assertThat(Long.parseLong(seen.getFirst().get("warm"))).isGreaterThan(135241);
        assertThat(Long.parseLong(seen.getFirst().get("cold"))).isGreaterThan(458771);
    }

    @Test
    void simulationsStayWithinTheirRanges() {
        RandomGenerator random = new java.util.Random(7);
        Map<String, String> th = ItemType.TEMPERATURE_HUMIDITY.zeroReadings();
        Map<String, String> water = ItemType.WATER_METER.zeroReadings();
        for (int i = 0; i < 500; i++) {
            Map<String, String> nextWater = new WaterMeterSimulation().next(water, random);
            assertThat(Long.parseLong(nextWater.get("warm"))).isGreaterThan(Long.parseLong(water.get("warm")));
            water = nextWater;
            th = new TemperatureHumiditySimulation().next(th, random);
            assertThat(Double.parseDouble(th.get("temp"))).isBetween(15.0, 30.0);
            assertThat(Long.parseLong(th.get("hum"))).isBetween(30L, 60L);
        }
    }

    @Test
    void knowsItsSettings() {
        assertThat(driver.check(new ItemConfig("1", "A", "waterMeter", "simulated", Map.of("interval", "3")))).isEmpty();
        assertThat(driver.check(new ItemConfig("1", "A", "waterMeter", "simulated", Map.of("topic", "x"))))
                .singleElement().asString().startsWith("unknown setting topic");
        assertThat(driver.supports(ItemType.WATER_METER)).isTrue();
        assertThat(driver.supports(new ItemType("gasMeter", List.of()))).isFalse();
    }
}
