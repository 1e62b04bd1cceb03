package org.jcwmp.acs.task;

import org.jcwmp.acs.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tasks in the relational store. */
public final class TaskStore {
    private static final String COLUMNS =
            "id, device_id, name, request, status, result, fault_code, fault_string, created, updated";

    private final Database db;

    public TaskStore(Database db) {
        this.db = db;
    }

    public Task insert(String deviceId, String name, String request, Instant now) {
        return db.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("insert into task (device_id, name, request, status, created, "
                    + "updated) values (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, deviceId);
                ps.setString(2, name);
                ps.setString(3, request);
                ps.setString(4, TaskStatus.QUEUED.name());
                ps.setObject(5, Database.toDb(now));
                ps.setObject(6, Database.toDb(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return find(c, id);
        });
    }

    public Optional<Task> find(long id) {
        return Optional.ofNullable(db.inTransaction(c -> find(c, id)));
    }

    /** The device's tasks, oldest first. */
    public List<Task> forDevice(String deviceId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select " + COLUMNS + " from task where device_id = ? order by id")) {
                ps.setString(1, deviceId);
                return list(ps);
            }
        });
    }

    public boolean hasQueued(String deviceId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select 1 from task where device_id = ? and status = 'QUEUED' fetch first 1 rows only")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Takes the device's oldest queued task and marks it running, or returns empty. */
    public Optional<Task> takeNext(String deviceId, Instant now) {
        return Optional.ofNullable(db.inTransaction(c -> {
            Task next;
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                    + " from task where device_id = ? and status = 'QUEUED' order by id fetch first 1 rows only")) {
                ps.setString(1, deviceId);
                List<Task> found = list(ps);
                if (found.isEmpty()) {
                    return null;
                }
                next = found.getFirst();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update task set status = 'RUNNING', updated = ? where id = ? and status = 'QUEUED'")) {
                ps.setObject(1, Database.toDb(now));
                ps.setLong(2, next.id());
                if (ps.executeUpdate() == 0) {
                    return null;
                }
            }
            return find(c, next.id());
        }));
    }

    public Task finish(long id, TaskStatus status, String result, Integer faultCode, String faultString, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update task set status = ?, result = ?, fault_code = ?, "
                    + "fault_string = ?, updated = ? where id = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, result);
                ps.setObject(3, faultCode, java.sql.Types.INTEGER);
                ps.setString(4, faultString);
                ps.setObject(5, Database.toDb(now));
                ps.setLong(6, id);
                ps.executeUpdate();
            }
            return find(c, id);
        });
    }

    /** Puts a task that was running in a session that ended early back in the queue. */
    public void requeue(long id, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update task set status = 'QUEUED', updated = ? where id = ? and status = 'RUNNING'")) {
                ps.setObject(1, Database.toDb(now));
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    private static Task find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from task where id = ?")) {
            ps.setLong(1, id);
            List<Task> found = list(ps);
            return found.isEmpty() ? null : found.getFirst();
        }
    }

    private static List<Task> list(PreparedStatement ps) throws SQLException {
        List<Task> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Task(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        TaskStatus.valueOf(rs.getString(5)), rs.getString(6), (Integer) rs.getObject(7),
                        rs.getString(8), Database.fromDb(rs.getObject(9)), Database.fromDb(rs.getObject(10))));
            }
        }
        return out;
    }

}
