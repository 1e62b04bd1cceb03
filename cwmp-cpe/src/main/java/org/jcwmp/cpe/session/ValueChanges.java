package org.jcwmp.cpe.session;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters with notification on whose values changed since the last Inform that reported them. They ride the next
 * Inform's ParameterList (with 4 VALUE CHANGE) and leave only once an InformResponse came for it; a parameter that
 * changes again meanwhile stays for the next one.
 */
public final class ValueChanges {
    private final Map<String, Long> pending = new LinkedHashMap<>();
    private final Runnable onChange;
    private long version;

    /** What one Inform carried: each path with the version of its change. */
    public record Snapshot(Map<String, Long> changes) {
        public Snapshot {
            changes = Map.copyOf(changes);
        }

        public boolean isEmpty() {
            return changes.isEmpty();
        }
    }

    /**
     * @param restored paths from the state file
     * @param onChange run after every change, outside the lock (persists)
     */
    public ValueChanges(Collection<String> restored, Runnable onChange) {
        restored.forEach(p -> pending.put(p, ++version));
        this.onChange = onChange;
    }

    public void add(Collection<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        synchronized (this) {
            paths.forEach(p -> {
                pending.remove(p); // re-inserted last: order of the latest change
                pending.put(p, ++version);
            });
        }
        onChange.run();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(new LinkedHashMap<>(pending));
    }

    public synchronized List<String> paths() {
        return List.copyOf(pending.keySet());
    }

    public synchronized boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Drops what an answered Inform reported, unless it changed again since. */
    public void delivered(Snapshot sent) {
        boolean changed = false;
        synchronized (this) {
            for (Map.Entry<String, Long> e : sent.changes().entrySet()) {
                changed |= pending.remove(e.getKey(), e.getValue());
            }
        }
        if (changed) {
            onChange.run();
        }
    }

    public void clear() {
        synchronized (this) {
            pending.clear();
        }
        onChange.run();
    }
}
