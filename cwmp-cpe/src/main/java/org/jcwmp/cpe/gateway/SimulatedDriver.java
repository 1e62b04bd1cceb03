package org.jcwmp.cpe.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Simulated meters: an electricity meter, a temperature and humidity sensor and a water meter, each producing a new
 * reading every "interval" seconds (default 10), starting from the item's latest readings.
 */
public final class SimulatedDriver implements GatewayDriver {
    public static final String NAME = "simulated";
    static final long DEFAULT_INTERVAL_SECONDS = 10;
    private static final Set<String> SETTINGS = Set.of(ItemConfig.INTERVAL, ItemConfig.LOCATION, ItemConfig.ENABLE);

    private final Map<String, MeterSimulation> simulations = List.of(new ElectricityMeterSimulation(),
                    new TemperatureHumiditySimulation(), new WaterMeterSimulation()).stream()
            .collect(Collectors.toUnmodifiableMap(s -> s.type().name(), Function.identity()));
    private final RandomGenerator random = RandomGenerator.getDefault();
    private ScheduledExecutorService timer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ItemType> types() {
        return List.of(ItemType.ELECTRICITY_METER, ItemType.TEMPERATURE_HUMIDITY, ItemType.WATER_METER);
    }

    @Override
    public boolean supports(ItemType type) {
        return simulations.containsKey(type.name());
    }

    @Override
    public List<String> check(ItemConfig item) {
        return item.settings().keySet().stream().filter(s -> !SETTINGS.contains(s))
                .map(s -> "unknown setting " + s + " for driver " + NAME + " (known: " + new java.util.TreeSet<>(SETTINGS) + ")").sorted().toList();
    }

    @Override
    public Connection connect(Item item, ReadingSink sink) {
        MeterSimulation simulation = simulations.get(item.type().name());
        if (simulation == null) {
            throw new IllegalArgumentException(NAME + " cannot simulate " + item.type().name());
        }
        long interval = Long.parseLong(item.config().setting(ItemConfig.INTERVAL, Long.toString(DEFAULT_INTERVAL_SECONDS)));
        // carries on from the item's latest readings (after a settings change, say), then from its own
        AtomicReference<Map<String, String>> last = new AtomicReference<>(item.readings());
        Runnable tick = () -> sink.readings(last.updateAndGet(now -> simulation.next(now, random)));
        ScheduledFuture<?> task = timer().scheduleAtFixedRate(guarded(tick), interval, interval, TimeUnit.SECONDS);
        return () -> task.cancel(false);
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gateway-simulated-meters");
                t.setDaemon(true);
                return t;
            });
        }
        return timer;
    }

    /** A failing tick must not cancel the meter's later ones. */
    private static Runnable guarded(Runnable tick) {
        return () -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SimulatedDriver.class).warn("simulated reading failed", e);
            }
        };
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
