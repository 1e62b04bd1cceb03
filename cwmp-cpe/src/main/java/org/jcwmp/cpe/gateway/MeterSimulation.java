package org.jcwmp.cpe.gateway;

import java.util.Map;
import java.util.random.RandomGenerator;

/** How one kind of simulated meter moves from one reading to the next. */
interface MeterSimulation {

    /** The type it simulates. */
    ItemType type();

    /**
     * The next readings.
     *
     * @param current the readings now (every reading of the type)
     */
    Map<String, String> next(Map<String, String> current, RandomGenerator random);

    static double number(Map<String, String> readings, String name, double otherwise) {
        try {
            return Double.parseDouble(readings.getOrDefault(name, ""));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
