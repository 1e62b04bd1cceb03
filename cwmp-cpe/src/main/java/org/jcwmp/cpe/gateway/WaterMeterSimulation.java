package org.jcwmp.cpe.gateway;

import java.util.Map;
import java.util.random.RandomGenerator;

/** Warm and cold water meters in litres: they only ever grow, cold faster than warm. */
final class WaterMeterSimulation implements MeterSimulation {
    @Override
    public ItemType type() {
        return ItemType.WATER_METER;
    }

    @Override
    public Map<String, String> next(Map<String, String> current, RandomGenerator random) {
        long warm = (long) MeterSimulation.number(current, "warm", 0) + 1 + random.nextInt(40);
        long cold = (long) MeterSimulation.number(current, "cold", 0) + 1 + random.nextInt(120);
        return Map.of("warm", Long.toString(warm), "cold", Long.toString(cold));
    }
}
