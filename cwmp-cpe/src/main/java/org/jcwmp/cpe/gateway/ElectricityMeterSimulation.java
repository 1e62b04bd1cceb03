package org.jcwmp.cpe.gateway;

import java.util.Map;
import java.util.random.RandomGenerator;

/** Two-tariff electricity meter: T1 and T2 only ever grow, by a few kWh per reading. */
final class ElectricityMeterSimulation implements MeterSimulation {
    @Override
    public ItemType type() {
        return ItemType.ELECTRICITY_METER;
    }

    @Override
    public Map<String, String> next(Map<String, String> current, RandomGenerator random) {
        long t1 = (long) MeterSimulation.number(current, "T1", 0) + 1 + random.nextInt(3);
        long t2 = (long) MeterSimulation.number(current, "T2", 0) + random.nextInt(3);
        return Map.of("T1", Long.toString(t1), "T2", Long.toString(t2));
    }
}
