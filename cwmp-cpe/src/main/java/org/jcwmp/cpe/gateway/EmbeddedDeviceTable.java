package org.jcwmp.cpe.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.cpe.model.ChangeOrigin;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.model.DataModel;
import org.jcwmp.cpe.model.ModelListener;

/**
 * Keeps Device.ManagementServer.EmbeddedDevice.{i}. in step with the items: one instance per item
 * (ProxiedDeviceID = serial, ControllerID = driver), its X_JCWMP_Item. values and one X_JCWMP_Item.Reading.{i}. row
 * per reading. Readings are written as the device's own changes (origin LOCAL), so a Value with active notification
 * makes the agent send 4 VALUE CHANGE. The settings the ACS writes (Enable, Location, ReadingInterval) are handed to
 * the gateway.
 */
final class EmbeddedDeviceTable implements ModelListener {
    static final String TABLE = "Device.ManagementServer.EmbeddedDevice.";
    private static final String ITEM = "X_JCWMP_Item.";
    private static final String READINGS = ITEM + "Reading.";
    private static final Map<String, String> SETTING_OF_PARAMETER = Map.of(
            "Enable", ItemConfig.ENABLE, "Location", ItemConfig.LOCATION, "ReadingInterval", ItemConfig.INTERVAL);

    /** What the ACS changed: an item's setting. */
    interface SettingChanges {
        /** @param settings setting name ({@link ItemConfig#ENABLE} ...) to its new value */
        void settingsChanged(String serial, Map<String, String> settings);
    }

    private final DataModel model;
    private final SettingChanges settingChanges;
    /** Serial to instance path, e.g. "Device.ManagementServer.EmbeddedDevice.3.". Guarded by this. */
    private final Map<String, String> instances = new HashMap<>();

    EmbeddedDeviceTable(DataModel model, SettingChanges settingChanges) {
        this.model = model;
        this.settingChanges = settingChanges;
    }

    /**
     * Takes over the instances the model already has (restored from the agent's state), by ProxiedDeviceID, so they
     * keep their numbers and the ACS's notification attributes; the gateway then puts or removes each.
     *
     * @return the serials found
     */
    synchronized Set<String> adopt() {
        for (String path : children(TABLE)) {
            model.find(path + "ProxiedDeviceID").filter(s -> !s.isEmpty()).ifPresentOrElse(
                    serial -> instances.put(serial, path), () -> model.deleteInstance(path, ChangeOrigin.LOCAL));
        }
        return Set.copyOf(instances.keySet());
    }

    /** The instance of an item, if it has one. */
    synchronized Optional<String> instance(String serial) {
        return Optional.ofNullable(instances.get(serial));
    }

    /** Makes the item's instance (if needed) and its values match the item. */
    synchronized void put(Item item) {
        String path = instances.get(item.serial());
        if (path == null) {
            path = model.addInstance(TABLE, Map.of("ProxiedDeviceID", item.serial(), "ControllerID",
                    item.config().driver()), ChangeOrigin.LOCAL);
            instances.put(item.serial(), path);
        }
        ItemConfig c = item.config();
        set(path + "ControllerID", c.driver(), ChangeOrigin.AGENT);
        set(path + ITEM + "Vendor", c.vendor(), ChangeOrigin.AGENT);
        set(path + ITEM + "Type", c.type(), ChangeOrigin.AGENT);
        set(path + ITEM + "Enable", Boolean.toString(c.enabled()), ChangeOrigin.AGENT);
        set(path + ITEM + "Location", c.setting(ItemConfig.LOCATION, ""), ChangeOrigin.AGENT);
        set(path + ITEM + "ReadingInterval",
                c.setting(ItemConfig.INTERVAL, Long.toString(SimulatedDriver.DEFAULT_INTERVAL_SECONDS)), ChangeOrigin.AGENT);
        Map<String, String> rows = readingRows(path);
        for (String row : rows.values()) {
            String name = model.value(row + "Name");
            if (!item.type().hasReading(name)) {
                model.deleteInstance(row, ChangeOrigin.LOCAL);
            }
        }
        for (ItemType.Reading r : item.type().readings()) {
            String row = rows.get(r.name());
            if (row == null) {
                model.addInstance(path + READINGS, Map.of("Name", r.name(), "Unit", r.unit(),
                        "Value", item.readings().getOrDefault(r.name(), "0")), ChangeOrigin.LOCAL);
            } else {
                set(row + "Unit", r.unit(), ChangeOrigin.AGENT);
                set(row + "Value", item.readings().getOrDefault(r.name(), "0"), ChangeOrigin.LOCAL);
            }
        }
    }

    /** Writes readings that changed; their Values notify the ACS as their attributes ask. */
    synchronized void readings(Item item, Map<String, String> changed, Instant when) {
        String path = instances.get(item.serial());
        if (path == null || changed.isEmpty()) {
            return;
        }
        String time = CwmpDateTime.format(when);
        Map<String, String> rows = readingRows(path);
        changed.forEach((name, value) -> {
            String row = rows.get(name);
            if (row != null) {
                set(row + "Value", value, ChangeOrigin.LOCAL);
                set(row + "LastChange", time, ChangeOrigin.LOCAL);
            }
        });
        set(path + "LastSyncTime", time, ChangeOrigin.LOCAL);
    }

    /** Deletes an item's instance. */
    synchronized void remove(String serial) {
        String path = instances.remove(serial);
        if (path != null && model.contains(path)) {
            model.deleteInstance(path, ChangeOrigin.LOCAL);
        }
    }

    private void set(String path, String value, ChangeOrigin origin) {
        model.setValue(path, value, origin);
    }

    /** Reading name to row path. */
    private Map<String, String> readingRows(String itemPath) {
        Map<String, String> rows = new HashMap<>();
        for (String row : children(itemPath + READINGS)) {
            rows.put(model.value(row + "Name"), row);
        }
        return rows;
    }

    private List<String> children(String objectPath) {
        List<String> result = new ArrayList<>();
        try {
            for (ParameterInfoStruct p : model.getParameterNames(objectPath, true)) {
                if (p.name().endsWith(".")) {
                    result.add(p.name());
                }
            }
        } catch (CpeFaultException e) {
            throw new IllegalStateException("the profile lacks " + objectPath, e);
        }
        return result;
    }

    @Override
    public void valuesChanged(Set<String> paths, ChangeOrigin origin) {
        if (origin != ChangeOrigin.ACS) {
            return;
        }
        // read every value first: applying one setting rewrites the item's other parameters
        Map<String, Map<String, String>> bySerial = new java.util.LinkedHashMap<>();
        for (String path : paths) {
            if (!path.startsWith(TABLE)) {
                continue;
            }
            String serial = serialOf(path);
            String name = path.substring(path.lastIndexOf('.') + 1);
            String setting = SETTING_OF_PARAMETER.get(name);
            if (serial != null && setting != null && path.endsWith("." + ITEM + name)) {
                bySerial.computeIfAbsent(serial, s -> new HashMap<>()).put(setting, model.value(path));
            }
        }
        bySerial.forEach(settingChanges::settingsChanged);
    }

    private synchronized String serialOf(String path) {
        for (Map.Entry<String, String> e : instances.entrySet()) {
            if (path.startsWith(e.getValue())) {
                return e.getKey();
            }
        }
        return null;
    }
}
