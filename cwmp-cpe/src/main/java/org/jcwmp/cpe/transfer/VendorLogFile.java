package org.jcwmp.cpe.transfer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The agent's recent history (sessions, events, transfers) kept in memory for an Upload of "2 Vendor Log File":
 * one line per entry, oldest first, at most {@code capacity} lines (the oldest go first).
 */
public final class VendorLogFile {
    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    public VendorLogFile(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds a line with the current time. */
    public synchronized void add(String entry) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(Instant.now() + " " + entry.replace('\n', ' '));
    }

    /** The file to upload: UTF-8 text, one entry per line. */
    public synchronized byte[] content() {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public synchronized int size() {
        return lines.size();
    }
}
