package org.jcwmp.acs.task;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The devices that may have a queued task, kept by an ACS node that is its store's only writer (one node on the
 * embedded store), so that the session of a device with nothing queued, nearly every periodic Inform, asks the store
 * nothing about tasks.
 *
 * <p>A device is marked before a task of it is queued and again after that commits; it is unmarked only by a
 * reader that found none queued and whose mark is still the same one, so a task queued meanwhile keeps its device
 * marked. A mark without a task (the write rolled back) costs one query.
 */
class QueuedDevices {
    private final ConcurrentHashMap<String, Object> marks = new ConcurrentHashMap<>();

    QueuedDevices(Collection<String> withQueuedTasks) {
        withQueuedTasks.forEach(this::mark);
    }

    /** For a node that shares its store with others (PostgreSQL): any device may have a queued task, ask the store. */
    static QueuedDevices unknown() {
        Object always = new Object();
        return new QueuedDevices(java.util.List.of()) {
            @Override
            void mark(String deviceId) {
            }

            @Override
            Object current(String deviceId) {
                return always;
            }

            @Override
            void noneQueued(String deviceId, Object mark) {
            }
        };
    }

    void mark(String deviceId) {
        marks.put(deviceId, new Object());
    }

    /** The device's mark, to hand to {@link #noneQueued} after asking the store; null: nothing is queued. */
    Object current(String deviceId) {
        return marks.get(deviceId);
    }

    /** The store, asked after the mark was read, had no queued task for the device. */
    void noneQueued(String deviceId, Object mark) {
        marks.remove(deviceId, mark);
    }
}
