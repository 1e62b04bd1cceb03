package org.jcwmp.acs.campaign;

import org.jcwmp.acs.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Campaigns and their devices in the relational store: everything the runner needs to carry on after a restart. */
public final class CampaignStore {
    private static final String COLUMNS = "id, name, query, file_name, file_version, batch_size, max_concurrent, "
            + "failure_threshold, min_sample, connection_request, status, reason, created_by, created, updated, halted";
    private static final String DEVICE_COLUMNS = "campaign_id, device_id, state, task_id, fault_code, fault_string, "
            + "detail, started, finished";

    /** A device whose Download task ended, read in one query for the runner. */
    record FinishedTask(String deviceId, boolean done, Integer faultCode, String faultString) {
    }

    /** A started device whose Download task is still queued. */
    record UntakenTask(String deviceId, long taskId) {
    }

    private final Database db;

    public CampaignStore(Database db) {
        this.db = db;
    }

    /** Stores a running campaign and every targeted device as pending. */
    public Campaign create(CampaignSpec spec, String createdBy, List<String> deviceIds, Instant now) {
        return db.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("insert into campaign (name, query, file_name, file_version, "
                    + "batch_size, max_concurrent, failure_threshold, min_sample, connection_request, status, created_by, "
                    + "created, updated) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, spec.name());
                ps.setString(2, spec.query());
                ps.setString(3, spec.fileName());
                ps.setString(4, spec.fileVersion());
                ps.setInt(5, spec.batchSize());
                ps.setInt(6, spec.maxConcurrent());
                ps.setDouble(7, spec.failureThreshold());
                ps.setInt(8, spec.minSample());
                ps.setBoolean(9, spec.connectionRequest());
                ps.setString(10, CampaignStatus.RUNNING.name());
                ps.setString(11, createdBy);
                ps.setObject(12, Database.toDb(now));
                ps.setObject(13, Database.toDb(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into campaign_device (campaign_id, device_id, state) values (?, ?, 'PENDING')")) {
                int n = 0;
                for (String d : deviceIds) {
                    ps.setLong(1, id);
                    ps.setString(2, d);
                    ps.addBatch();
                    if (++n % 500 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            return find(c, id);
        });
    }

    public Optional<Campaign> find(long id) {
        return Optional.ofNullable(db.inTransaction(c -> find(c, id)));
    }

    /** Newest first. */
    public List<Campaign> list(int offset, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select " + COLUMNS + " from campaign order by id desc offset ? rows fetch next ? rows only")) {
                ps.setInt(1, offset);
                ps.setInt(2, limit);
                return campaigns(ps);
            }
        });
    }

    /** Campaigns the runner has work in: running ones, and any with devices still in progress. */
    public List<Campaign> active() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from campaign c where status = "
                    + "'RUNNING' or exists (select 1 from campaign_device d where d.campaign_id = c.id "
                    + "and d.state = 'IN_PROGRESS') order by id")) {
                return campaigns(ps);
            }
        });
    }

    public CampaignCounts counts(long id) {
        return counts(List.of(id)).getOrDefault(id, CampaignCounts.NONE);
    }

    public Map<Long, CampaignCounts> counts(List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.inTransaction(c -> {
            String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("select campaign_id, state, count(*) from campaign_device "
                    + "where campaign_id in (" + marks + ") group by campaign_id, state")) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setLong(i + 1, ids.get(i));
                }
                Map<Long, Map<CampaignDeviceState, Long>> by = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        by.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(CampaignDeviceState.class))
                                .put(CampaignDeviceState.valueOf(rs.getString(2)), rs.getLong(3));
                    }
                }
                Map<Long, CampaignCounts> out = new HashMap<>();
                by.forEach((id, m) -> out.put(id, CampaignCounts.of(m)));
                return out;
            }
        });
    }

    /** The campaign's devices by device id, all or in one state. */
    public List<CampaignDevice> devices(long id, CampaignDeviceState state, int offset, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + DEVICE_COLUMNS + " from campaign_device "
                    + "where campaign_id = ?" + (state == null ? "" : " and state = ?")
                    + " order by device_id offset ? rows fetch next ? rows only")) {
                int i = 1;
                ps.setLong(i++, id);
                if (state != null) {
                    ps.setString(i++, state.name());
                }
                ps.setInt(i++, offset);
                ps.setInt(i, limit);
                List<CampaignDevice> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CampaignDevice(rs.getLong(1), rs.getString(2),
                                CampaignDeviceState.valueOf(rs.getString(3)), longOrNull(rs, 4), intOrNull(rs, 5),
                                rs.getString(6), rs.getString(7),
                                Database.fromDb(rs.getObject(8)), Database.fromDb(rs.getObject(9))));
                    }
                }
                return out;
            }
        });
    }

    /** Changes the status only from one of the expected ones; false when the campaign was in another. */
    public boolean changeStatus(long id, List<CampaignStatus> from, CampaignStatus to, String reason, Instant now) {
        return db.inTransaction(c -> {
            String marks = String.join(", ", java.util.Collections.nCopies(from.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("update campaign set status = ?, reason = coalesce(?, reason), "
                    + "updated = ?" + (to == CampaignStatus.HALTED ? ", halted = ?" : "")
                    + " where id = ? and status in (" + marks + ")")) {
                int i = 1;
                ps.setString(i++, to.name());
                ps.setString(i++, reason);
                ps.setObject(i++, Database.toDb(now));
                if (to == CampaignStatus.HALTED) {
                    ps.setObject(i++, Database.toDb(now));
                }
                ps.setLong(i++, id);
                for (CampaignStatus s : from) {
                    ps.setString(i++, s.name());
                }
                boolean changed = ps.executeUpdate() == 1;
                if (changed && to == CampaignStatus.CANCELLED) {
                    try (PreparedStatement p = c.prepareStatement("update campaign_device set state = 'CANCELLED', "
                            + "finished = ? where campaign_id = ? and state = 'PENDING'")) {
                        p.setObject(1, Database.toDb(now));
                        p.setLong(2, id);
                        p.executeUpdate();
                    }
                }
                return changed;
            }
        });
    }

    /** The next devices not started yet, by device id. */
    public List<String> pending(long id, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select device_id from campaign_device where campaign_id = ? "
                    + "and state = 'PENDING' order by device_id fetch first ? rows only")) {
                ps.setLong(1, id);
                ps.setInt(2, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Takes a pending device for starting, only while the campaign is still running (an operator's pause or the
     * runner of another node wins otherwise): true when this caller got it.
     */
    public boolean claim(long id, String deviceId, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update campaign_device set state = 'IN_PROGRESS', started = ? "
                    + "where campaign_id = ? and device_id = ? and state = 'PENDING' "
                    + "and exists (select 1 from campaign where id = ? and status = 'RUNNING')")) {
                ps.setObject(1, Database.toDb(now));
                ps.setLong(2, id);
                ps.setString(3, deviceId);
                ps.setLong(4, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public void taskQueued(long id, String deviceId, long taskId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update campaign_device set task_id = ? where campaign_id = ? and device_id = ?")) {
                ps.setLong(1, taskId);
                ps.setLong(2, id);
                ps.setString(3, deviceId);
                return ps.executeUpdate();
            }
        });
    }

    /** Records a device's outcome (from in progress or, for one already on the version, from pending). */
    public void finish(long id, String deviceId, CampaignDeviceState state, Integer faultCode, String faultString,
                       String detail, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update campaign_device set state = ?, fault_code = ?, "
                    + "fault_string = ?, detail = ?, finished = ?, started = coalesce(started, ?) "
                    + "where campaign_id = ? and device_id = ? and state in ('PENDING', 'IN_PROGRESS')")) {
                ps.setString(1, state.name());
                ps.setObject(2, faultCode, Types.INTEGER);
                ps.setString(3, faultString == null || faultString.length() <= 1024 ? faultString
                        : faultString.substring(0, 1024));
                ps.setString(4, detail);
                ps.setObject(5, Database.toDb(now));
                ps.setObject(6, Database.toDb(now));
                ps.setLong(7, id);
                ps.setString(8, deviceId);
                return ps.executeUpdate();
            }
        });
    }

    /** In-progress devices whose task has finished (or is gone with its device). */
    List<FinishedTask> finishedTasks(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select d.device_id, t.status, t.fault_code, t.fault_string "
                    + "from campaign_device d left join task t on t.id = d.task_id where d.campaign_id = ? "
                    + "and d.state = 'IN_PROGRESS' and d.task_id is not null "
                    + "and (t.id is null or t.status in ('DONE', 'FAILED'))")) {
                ps.setLong(1, id);
                List<FinishedTask> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String status = rs.getString(2);
                        out.add(status == null
                                ? new FinishedTask(rs.getString(1), false, null, "the task is gone (device deleted?)")
                                : new FinishedTask(rs.getString(1), status.equals("DONE"), intOrNull(rs, 3),
                                rs.getString(4)));
                    }
                }
                return out;
            }
        });
    }

    /** Tasks of in-progress devices that no session has taken since before the cutoff (the device did not connect). */
    List<UntakenTask> untakenTasks(long id, Instant cutoff) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select d.device_id, d.task_id from campaign_device d join task t "
                    + "on t.id = d.task_id where d.campaign_id = ? and d.state = 'IN_PROGRESS' and t.status = 'QUEUED' "
                    + "and d.started < ?")) {
                ps.setLong(1, id);
                ps.setObject(2, Database.toDb(cutoff));
                List<UntakenTask> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new UntakenTask(rs.getString(1), rs.getLong(2)));
                    }
                }
                return out;
            }
        });
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Campaign find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from campaign where id = ?")) {
            ps.setLong(1, id);
            List<Campaign> found = campaigns(ps);
            return found.isEmpty() ? null : found.getFirst();
        }
    }

    private static List<Campaign> campaigns(PreparedStatement ps) throws SQLException {
        List<Campaign> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Campaign(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getInt(7), rs.getDouble(8), rs.getInt(9), rs.getBoolean(10),
                        CampaignStatus.valueOf(rs.getString(11)), rs.getString(12), rs.getString(13),
                        Database.fromDb(rs.getObject(14)), Database.fromDb(rs.getObject(15)),
                        Database.fromDb(rs.getObject(16))));
            }
        }
        return out;
    }
}
