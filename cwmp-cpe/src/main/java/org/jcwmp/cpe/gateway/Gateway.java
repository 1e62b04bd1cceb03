package org.jcwmp.cpe.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.cpe.CpeAgent;
import org.jcwmp.cpe.CpeListener;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.transfer.ConfigurationFileHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IoT gateway inside a CPE agent: the items behind it (a registry by serial number), the drivers that read them,
 * their place in the agent's data model (Device.ManagementServer.EmbeddedDevice.{i}.) and the console's event
 * stream. Configurations arrive as files ({@link #applyFile}, the agent's handler for "3 Vendor Configuration File")
 * and are applied as one change.
 *
 * <pre>
 * Gateway gateway = new Gateway(GatewayDrivers.load());
 * CpeAgent agent = CpeAgent.builder().profile(GatewayProfile.load())...build();
 * gateway.attach(agent);
 * gateway.apply(GatewayConfiguration.read(file, gateway.drivers()));
 * agent.start();
 * </pre>
 */
public final class Gateway implements ConfigurationFileHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final GatewayDrivers drivers;
    private final ItemRegistry registry = new ItemRegistry();
    private final ConsoleEvents events = new ConsoleEvents();
    private final Map<String, GatewayDriver.Connection> connections = new HashMap<>();
    private GatewayConfiguration configuration = new GatewayConfiguration(List.of());
    /** Written under the gateway's lock, read without it by drivers' threads. */
    private volatile EmbeddedDeviceTable table;
    private CpeAgent agent;
    private final CpeListener sessions = new SessionEvents();

    public Gateway(GatewayDrivers drivers) {
        this.drivers = Objects.requireNonNull(drivers);
    }

    public GatewayDrivers drivers() {
        return drivers;
    }

    public ItemRegistry registry() {
        return registry;
    }

    public ConsoleEvents events() {
        return events;
    }

    public synchronized GatewayConfiguration configuration() {
        return configuration;
    }

    /**
     * Puts the items into an agent's data model (built with {@link GatewayProfile}) and reports its sessions on the
     * console. Instances the agent restored from its state are kept for items that still exist.
     */
    public synchronized void attach(CpeAgent cpe) {
        if (agent != null) {
            throw new IllegalStateException("already attached");
        }
        agent = cpe;
        table = new EmbeddedDeviceTable(cpe.model(), this::settingsChanged);
        cpe.model().addListener(table);
        cpe.addListener(sessions);
        synchronizeModel();
    }

    /** The data model instance of an item, e.g. "Device.ManagementServer.EmbeddedDevice.2.". */
    public synchronized java.util.Optional<String> instance(String serial) {
        return table == null ? java.util.Optional.empty() : table.instance(serial);
    }

    /** Makes the model's table match the registry: items' instances put, others removed. */
    private void synchronizeModel() {
        for (String serial : table.adopt()) {
            if (registry.get(serial).isEmpty()) {
                table.remove(serial);
            }
        }
        registry.items().forEach(table::put);
    }

    /**
     * Reads, checks and applies a configuration file.
     *
     * @throws CpeFaultException 9018 naming what is wrong, having changed nothing
     */
    @Override
    public void apply(Path file, String fileName) throws CpeFaultException {
        applyFile(file);
    }

    /** @see #apply(Path, String) */
    public void applyFile(Path file) throws CpeFaultException {
        GatewayConfiguration config;
        try {
            config = GatewayConfiguration.read(file, drivers);
        } catch (GatewayConfiguration.InvalidConfigurationException e) {
            throw new CpeFaultException(FaultCode.FILE_CORRUPTED, "gateway configuration: " + e.getMessage());
        }
        apply(config);
    }

    /**
     * Applies a checked configuration as one change: items no longer listed are disconnected and removed, new ones
     * added and connected, changed ones reconnected with their new settings; the model follows; the console shows
     * "New Configuration" with every item.
     */
    public synchronized void apply(GatewayConfiguration next) {
        for (Item item : registry.items()) {
            if (next.item(item.serial()).isEmpty()) {
                disconnect(item.serial());
                registry.remove(item.serial());
                if (table != null) {
                    table.remove(item.serial());
                }
            }
        }
        for (ItemConfig config : next.items()) {
            Item before = registry.get(config.serial()).orElse(null);
            if (before != null && before.config().equals(config)) {
                continue;
            }
            putAndConnect(config);
        }
        configuration = next;
        List<Map<String, Object>> items = new ArrayList<>();
        registry.items().forEach(i -> items.add(describe(i)));
        events.publish(ConsoleEvent.NEW_CONFIGURATION, Map.of("items", items));
        log.info("gateway configuration applied: {} items", items.size());
    }

    private void putAndConnect(ItemConfig config) {
        disconnect(config.serial());
        ItemType type = drivers.type(config.type()).orElseThrow();
        Item item = registry.put(config, type);
        if (table != null) {
            table.put(item);
        }
        if (config.enabled()) {
            GatewayDriver driver = drivers.driver(config.driver()).orElseThrow();
            String serial = config.serial();
            try {
                connections.put(serial, driver.connect(item, readings -> readings(serial, readings)));
            } catch (RuntimeException e) {
                // the configuration was checked; an item its driver cannot start stays listed, without readings,
                // rather than leaving the rest of the configuration half applied
                log.warn("item {}: driver {} cannot read it: {}", serial, config.driver(), e.toString());
            }
        }
    }

    private void disconnect(String serial) {
        GatewayDriver.Connection c = connections.remove(serial);
        if (c != null) {
            c.close();
        }
    }

    /**
     * Readings from a driver, on its thread. Deliberately not synchronized on the gateway: a driver may call this
     * while the gateway waits for it to disconnect another item.
     */
    void readings(String serial, Map<String, String> readings) {
        Map<String, String> changed = registry.update(serial, readings);
        if (changed.isEmpty()) {
            return;
        }
        Item item = registry.get(serial).orElse(null);
        if (item == null) {
            return;
        }
        EmbeddedDeviceTable t = table;
        if (t != null) {
            t.readings(item, changed, item.updated());
        }
        events.publish(ConsoleEvent.ITEM_UPDATED, describe(item));
    }

    /** The ACS wrote settings of an item (Enable, Location, ReadingInterval): reconnect it with the new values. */
    private synchronized void settingsChanged(String serial, Map<String, String> settings) {
        Item item = registry.get(serial).orElse(null);
        if (item == null) {
            return;
        }
        ItemConfig changed = item.config();
        for (Map.Entry<String, String> s : settings.entrySet()) {
            changed = changed.withSetting(s.getKey(), s.getValue());
        }
        if (changed.equals(item.config())) {
            return;
        }
        ItemConfig next = changed;
        List<ItemConfig> items = new ArrayList<>(configuration.items());
        items.replaceAll(i -> i.serial().equals(serial) ? next : i);
        configuration = new GatewayConfiguration(items);
        putAndConnect(next);
        events.publish(ConsoleEvent.ITEM_UPDATED, describe(registry.get(serial).orElseThrow()));
    }

    /** What the console shows of an item. */
    static Map<String, Object> describe(Item item) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("serial", item.serial());
        d.put("vendor", item.vendor());
        d.put("type", item.type().name());
        d.put("driver", item.config().driver());
        d.put("enabled", item.config().enabled());
        d.put("location", item.config().setting(ItemConfig.LOCATION, ""));
        List<Map<String, String>> readings = new ArrayList<>();
        for (ItemType.Reading r : item.type().readings()) {
            Map<String, String> reading = new LinkedHashMap<>();
            reading.put("name", r.name());
            reading.put("value", item.readings().getOrDefault(r.name(), ""));
            reading.put("unit", r.unit());
            readings.add(reading);
        }
        d.put("readings", readings);
        d.put("updated", item.updated() == null ? "" : item.updated().toString());
        return d;
    }

    /** Sessions and connection requests, for the console; a factory reset puts the items back into the model. */
    private final class SessionEvents implements CpeListener {
        @Override
        public void sessionStarted(List<EventStruct> informEvents) {
            List<String> codes = informEvents.stream().map(e -> e.eventCode()).toList();
            events.publish(ConsoleEvent.SESSION_STARTED, Map.of("events", codes));
        }

        @Override
        public void sessionEnded(boolean ok, Throwable cause) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("ok", ok);
            if (cause != null) {
                d.put("cause", String.valueOf(cause.getMessage()));
            }
            events.publish(ConsoleEvent.SESSION_ENDED, d);
        }

        @Override
        public void connectionRequestReceived(boolean accepted) {
            events.publish(ConsoleEvent.CONNECTION_REQUEST, Map.of("accepted", accepted));
        }

        @Override
        public void restarted(boolean factoryReset) {
            synchronized (Gateway.this) {
                // the model was rebuilt from the saved state or the profile: map its instances afresh
                agent.model().removeListener(table);
                table = new EmbeddedDeviceTable(agent.model(), Gateway.this::settingsChanged);
                agent.model().addListener(table);
                synchronizeModel();
            }
        }
    }

    /** Disconnects every item and closes the drivers; the model keeps its instances for the next start. */
    @Override
    public synchronized void close() {
        List.copyOf(connections.keySet()).forEach(this::disconnect);
        drivers.close();
        if (agent != null) {
            agent.removeListener(sessions);
            agent.model().removeListener(table);
        }
    }
}
