package org.jcwmp.cpe.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The drivers a gateway has and the item types they bring, by name. */
public final class GatewayDrivers implements AutoCloseable {
    private final Map<String, GatewayDriver> drivers = new LinkedHashMap<>();
    private final Map<String, ItemType> types = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException when two drivers share a name or two types a name
     */
    public GatewayDrivers(List<GatewayDriver> list) {
        for (GatewayDriver d : list) {
            if (drivers.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("two gateway drivers named " + d.name());
            }
            for (ItemType t : d.types()) {
                ItemType before = types.putIfAbsent(t.name(), t);
                if (before != null && !before.equals(t)) {
                    throw new IllegalArgumentException("item type " + t.name() + " defined twice, differently");
                }
            }
        }
    }

    /** Every driver on the class path (META-INF/services/org.jcwmp.cpe.gateway.GatewayDriver). */
    public static GatewayDrivers load() {
        List<GatewayDriver> found = new ArrayList<>();
        ServiceLoader.load(GatewayDriver.class, GatewayDriver.class.getClassLoader()).forEach(found::add);
        return new GatewayDrivers(found);
    }

    public Optional<GatewayDriver> driver(String name) {
        return Optional.ofNullable(drivers.get(name));
    }

    public Optional<ItemType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public List<String> driverNames() {
        return List.copyOf(drivers.keySet());
    }

    public List<String> typeNames() {
        return List.copyOf(types.keySet());
    }

    @Override
    public void close() {
        for (GatewayDriver d : drivers.values()) {
            try {
                d.close();
            } catch (Exception e) {
                // one driver failing to close must not keep the others open
                org.slf4j.LoggerFactory.getLogger(GatewayDrivers.class).warn("closing driver {}", d.name(), e);
            }
        }
    }
}
