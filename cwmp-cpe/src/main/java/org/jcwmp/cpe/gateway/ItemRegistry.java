package org.jcwmp.cpe.gateway;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The items behind the gateway by serial number, with their latest readings. Thread-safe: drivers update readings
 * from their own threads while configurations are applied.
 */
public final class ItemRegistry {
    /** A reading's value fits X_JCWMP_Item.Reading.{i}.Value. */
    static final int MAX_VALUE_LENGTH = 64;

    private final ConcurrentHashMap<String, Item> items = new ConcurrentHashMap<>();
    private final Clock clock;

    public ItemRegistry(Clock clock) {
        this.clock = clock;
    }

    public ItemRegistry() {
        this(Clock.systemUTC());
    }

    /**
     * Adds an item, or replaces the one with its serial. Readings are kept when the type stays the same, else they
     * start at zero.
     */
    public Item put(ItemConfig config, ItemType type) {
        if (!config.type().equals(type.name())) {
            throw new IllegalArgumentException("item " + config.serial() + " is a " + config.type() + ", not " + type.name());
        }
        return items.compute(config.serial(), (serial, before) -> before != null && before.type().equals(type)
                ? new Item(config, type, before.readings(), before.updated())
                : new Item(config, type, type.zeroReadings(), null));
    }

    /** Removes an item; empty when there was none. */
    public Optional<Item> remove(String serial) {
        return Optional.ofNullable(items.remove(serial));
    }

    public Optional<Item> get(String serial) {
        return Optional.ofNullable(items.get(serial));
    }

    /** Every item, by serial. */
    public List<Item> items() {
        return items.values().stream().sorted(Comparator.comparing(Item::serial)).toList();
    }

    public int size() {
        return items.size();
    }

    /**
     * Records readings. Names the item's type does not have and values longer than 64 characters are ignored.
     *
     * @return the readings that changed (empty when none did or the item is gone)
     */
    public Map<String, String> update(String serial, Map<String, String> readings) {
        Map<String, String> changed = new LinkedHashMap<>();
        items.computeIfPresent(serial, (s, item) -> {
            changed.clear(); // compute may retry
            Map<String, String> next = new LinkedHashMap<>(item.readings());
            readings.forEach((name, value) -> {
                if (value != null && item.type().hasReading(name) && value.length() <= MAX_VALUE_LENGTH
                        && !value.equals(next.get(name))) {
                    next.put(name, value);
                    changed.put(name, value);
                }
            });
            return changed.isEmpty() ? item : new Item(item.config(), item.type(), next, clock.instant());
        });
        return changed;
    }
}
