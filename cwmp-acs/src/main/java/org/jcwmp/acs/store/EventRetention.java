package org.jcwmp.acs.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the {@code device_event} table bounded: every Inform adds a row per event code, so without a limit the table
 * grows by one or two rows per session forever (86 million a day at 1,000 sessions/s). Events older than a maximum
 * age are deleted, and a device keeps at most a given number of its newest events.
 *
 * <p>The ACS calls {@link #run(Instant)} periodically. Each call deletes in small transactions of at most
 * {@code batchSize} rows (or devices), and stops after {@code maxBatches} of them, so a purge never holds long locks
 * or writes one huge transaction; a backlog (the first run on an old store) is worked off over several calls. Old
 * events are found through the index {@code device_event_by_received} (migration V6_1), the per-device limit through
 * {@code device_event_by_device}, walking the devices in id order a batch at a time and starting over at the end.
 */
public final class EventRetention {
    /**
     * What to keep.
     *
     * @param maxAge       events older than this are deleted; null keeps them whatever their age
     * @param maxPerDevice a device keeps at most this many of its newest events; 0 or less: no limit
     */
    public record Policy(Duration maxAge, int maxPerDevice) {
        /** The ACS's default: 30 days, at most 100 events per device. */
        public static final Policy DEFAULT = new Policy(Duration.ofDays(30), 100);
        /** Keep every event (the behaviour before retention existed). */
        public static final Policy KEEP_ALL = new Policy(null, 0);

        public boolean keepsAll() {
            return maxAge == null && maxPerDevice <= 0;
        }
    }

    /** What one {@link #run} deleted, and how many devices it looked at for the per-device limit. */
    public record Purged(int tooOld, int overLimit, int devicesChecked) {
    }

    private final Database db;
    private final Policy policy;
    private final int batchSize;
    private final int maxBatches;
    /** The last device id the per-device sweep looked at; "" starts from the first device. */
    private String sweepAfter = "";

    /**
     * @param batchSize  rows (for the age limit) or devices (for the per-device limit) per transaction
     * @param maxBatches transactions of each kind per {@link #run}
     */
    public EventRetention(Database db, Policy policy, int batchSize, int maxBatches) {
        if (batchSize < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("batchSize and maxBatches must be positive");
        }
        this.db = db;
        this.policy = policy;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
    }

    public Policy policy() {
        return policy;
    }

    /**
     * One round: old events first, then the next devices' surplus. Safe to call from one thread at a time; an
     * interrupted thread stops after the current transaction.
     */
    public synchronized Purged run(Instant now) {
        int tooOld = 0;
        if (policy.maxAge() != null) {
            Instant cutoff = now.minus(policy.maxAge());
            for (int b = 0; b < maxBatches && !Thread.currentThread().isInterrupted(); b++) {
                int n = deleteOlderThan(cutoff);
                tooOld += n;
                if (n < batchSize) {
                    break;
                }
            }
        }
        int overLimit = 0;
        int checked = 0;
        if (policy.maxPerDevice() > 0) {
            for (int b = 0; b < maxBatches && !Thread.currentThread().isInterrupted(); b++) {
                List<String> ids = nextDevices();
                if (ids.isEmpty()) {
                    sweepAfter = ""; // the end of the fleet: the next round starts over
                    break;
                }
                overLimit += trim(ids);
                checked += ids.size();
                sweepAfter = ids.getLast();
                if (ids.size() < batchSize) {
                    sweepAfter = "";
                    break;
                }
            }
        }
        return new Purged(tooOld, overLimit, checked);
    }

    /** Deletes up to batchSize events received before cutoff; returns how many. */
    private int deleteOlderThan(Instant cutoff) {
        return db.inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from device_event where received < ? fetch first ? rows only")) {
                ps.setObject(1, Database.toDb(cutoff));
                ps.setInt(2, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from device_event where id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return ids.size();
        });
    }

    private List<String> nextDevices() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from device where id > ? order by id fetch first ? rows only")) {
                ps.setString(1, sweepAfter);
                ps.setInt(2, batchSize);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    /** Deletes, for each device, the events older than its maxPerDevice newest ones; returns how many. */
    private int trim(List<String> deviceIds) {
        return db.inTransaction(c -> {
            int deleted = 0;
            try (PreparedStatement newestKept = c.prepareStatement("select id from device_event where device_id = ? "
                    + "order by id desc offset ? rows fetch next 1 rows only");
                 PreparedStatement delete = c.prepareStatement(
                         "delete from device_event where device_id = ? and id < ?")) {
                for (String device : deviceIds) {
                    newestKept.setString(1, device);
                    newestKept.setInt(2, policy.maxPerDevice() - 1);
                    long oldestKept;
                    try (ResultSet rs = newestKept.executeQuery()) {
                        if (!rs.next()) {
                            continue; // no more events than the limit
                        }
                        oldestKept = rs.getLong(1);
                    }
                    delete.setString(1, device);
                    delete.setLong(2, oldestKept);
                    deleted += delete.executeUpdate();
                }
            }
            return deleted;
        });
    }
}
