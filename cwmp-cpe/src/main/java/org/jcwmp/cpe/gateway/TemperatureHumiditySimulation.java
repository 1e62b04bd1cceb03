package org.jcwmp.cpe.gateway;

import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Room sensor: temperature wanders by tenths of a degree within 15-30 °C, humidity by a percent within 30-60 %. */
final class TemperatureHumiditySimulation implements MeterSimulation {
    @Override
    public ItemType type() {
        return ItemType.TEMPERATURE_HUMIDITY;
    }

    @Override
    public Map<String, String> next(Map<String, String> current, RandomGenerator random) {
        double temp = clamp(MeterSimulation.number(current, "temp", 21) + (random.nextInt(11) - 5) / 10.0, 15, 30);
        if (MeterSimulation.number(current, "temp", 0) == 0) {
            temp = 21.0; // a fresh sensor starts at room temperature, not at zero
        }
        long hum = Math.round(clamp(MeterSimulation.number(current, "hum", 0) + random.nextInt(3) - 1, 30, 60));
        return Map.of("temp", String.format(Locale.ROOT, "%.1f", temp), "hum", Long.toString(hum));
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
