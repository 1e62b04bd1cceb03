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
            "id, device_id, name, request, status, result, fault_code, fault_string, created, updated, sub_state, command_key";

    private final Database db;
    private final String nodeId;
    private final QueuedDevices queued;

    /** A store for one ACS node alone. */
    public TaskStore(Database db) {
        this(db, "local");
    }

    /** A store for the ACS node nodeId: the tasks it sends are marked as sent by it. */
    public TaskStore(Database db, String nodeId) {
        this.db = db;
        this.nodeId = nodeId;
        // Only PostgreSQL is shared by several nodes (an embedded store is one process's file): there other nodes
        // queue tasks too, and the store is asked each time.
        this.queued = db.postgres() ? QueuedDevices.unknown() : new QueuedDevices(db.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select distinct device_id from task where status = 'QUEUED'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }));
    }

    public Task insert(String deviceId, String name, String request, Instant now) {
        queued.mark(deviceId); // before the task's write commits and again after (see QueuedDevices)
        Task task = db.inTransaction(c -> find(c, insertRow(c, deviceId, name, request, now)));
        queued.mark(deviceId);
        return task;
    }

    /**
     * Inserts a transfer task with its CommandKey, in one transaction: commandKey empty gives "task-&lt;id&gt;";
     * requestWithKey makes the request JSON that carries the key.
     */
    public Task insertTransfer(String deviceId, String name, String commandKey,
                               java.util.function.Function<String, String> requestWithKey, Instant now) {
        queued.mark(deviceId);
        Task task = db.inTransaction(c -> {
            long id = insertRow(c, deviceId, name, requestWithKey.apply(commandKey), now);
            String key = commandKey.isEmpty() ? "task-" + id : commandKey;
            try (PreparedStatement ps = c.prepareStatement("update task set command_key = ?, request = ? where id = ?")) {
                ps.setString(1, key);
                ps.setString(2, requestWithKey.apply(key));
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            return find(c, id);
        });
        queued.mark(deviceId);
        return task;
    }

    private static long insertRow(Connection c, String deviceId, String name, String request, Instant now)
            throws SQLException {
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
                return keys.getLong(1);
            }
        }
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
        Object mark = queued.current(deviceId);
        if (mark == null) {
            return false;
        }
        boolean found = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select 1 from task where device_id = ? and status = 'QUEUED' fetch first 1 rows only")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!found) {
            queued.noneQueued(deviceId, mark);
        }
        return found;
    }

    /** Takes the device's oldest queued task and marks it running, or returns empty. */
    public Optional<Task> takeNext(String deviceId, Instant now) {
        Object mark = queued.current(deviceId);
        if (mark == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(db.inTransaction(c -> {
            Task next;
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                    + " from task where device_id = ? and status = 'QUEUED' order by id fetch first 1 rows only")) {
                ps.setString(1, deviceId);
                List<Task> found = list(ps);
                if (found.isEmpty()) {
                    queued.noneQueued(deviceId, mark);
                    return null;
                }
                next = found.getFirst();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update task set status = 'RUNNING', updated = ?, node_id = ? where id = ? and status = 'QUEUED'")) {
                ps.setObject(1, Database.toDb(now));
                ps.setString(2, nodeId);
                ps.setLong(3, next.id());
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
                    + "fault_string = ?, updated = ?, sub_state = null, awaiting_since = null where id = ?")) {
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

    /** Fails a task that no session has taken yet; empty when it was taken (or finished) meanwhile. */
    public Optional<Task> failQueued(long id, int faultCode, String faultString, Instant now) {
        return Optional.ofNullable(db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update task set status = 'FAILED', fault_code = ?, "
                    + "fault_string = ?, updated = ? where id = ? and status = 'QUEUED'")) {
                ps.setInt(1, faultCode);
                ps.setString(2, faultString);
                ps.setObject(3, Database.toDb(now));
                ps.setLong(4, id);
                if (ps.executeUpdate() == 0) {
                    return null;
                }
            }
            return find(c, id);
        }));
    }

    /**
     * Puts a task that was running in a session that ended early back in the queue, unless another node took it since
     * (the device moved there).
     */
    public void requeue(long id, Instant now) {
        requeueSentBy(id, nodeId, now);
    }

    /**
     * Tasks sent to a CPE whose answer never came back because the ACS stopped (not those awaiting a completion): those
     * the node sentBy sent (and those of no known node), or all of them when sentBy is null.
     */
    public List<Task> runningWithoutAnswer(String sentBy) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from task where status = 'RUNNING' "
                    + "and sub_state is null" + (sentBy == null ? "" : " and (node_id = ? or node_id is null)")
                    + " order by id")) {
                if (sentBy != null) {
                    ps.setString(1, sentBy);
                }
                return list(ps);
            }
        });
    }

    /** Puts a task a stopped node (sentBy; null: any node) had sent back in the queue, settling that node's tasks. */
    public void requeueSentBy(long id, String sentBy, Instant now) {
        String deviceId = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update task set status = 'QUEUED', updated = ?, node_id = null "
                    + "where id = ? and status = 'RUNNING' and sub_state is null"
                    + (sentBy == null ? "" : " and (node_id = ? or node_id is null)"))) {
                ps.setObject(1, Database.toDb(now));
                ps.setLong(2, id);
                if (sentBy != null) {
                    ps.setString(3, sentBy);
                }
                if (ps.executeUpdate() == 0) {
                    return null;
                }
            }
            String queuedFor = find(c, id).deviceId();
            queued.mark(queuedFor); // before the commit, and again after
            return queuedFor;
        });
        if (deviceId != null) {
            queued.mark(deviceId);
        }
    }

    /** The CPE accepted the task and will report its outcome later: it stays RUNNING, waiting for subState. */
    public Task await(long id, String subState, String result, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update task set sub_state = ?, result = ?, awaiting_since = ?, "
                    + "updated = ? where id = ? and status = 'RUNNING'")) {
                ps.setString(1, subState);
                ps.setString(2, result);
                ps.setObject(3, Database.toDb(now));
                ps.setObject(4, Database.toDb(now));
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return find(c, id);
        });
    }

    /** The device's oldest task waiting for subState with this CommandKey, if any. */
    public Optional<Task> awaiting(String deviceId, String subState, String commandKey) {
        return Optional.ofNullable(db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from task where device_id = ? "
                    + "and status = 'RUNNING' and sub_state = ? and command_key = ? order by id fetch first 1 rows only")) {
                ps.setString(1, deviceId);
                ps.setString(2, subState);
                ps.setString(3, commandKey == null ? "" : commandKey);
                List<Task> found = list(ps);
                return found.isEmpty() ? null : found.getFirst();
            }
        }));
    }

    /** Tasks that have waited for their completion since before the cutoff (at most limit of them). */
    public List<Task> awaitingSince(Instant cutoff, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from task where status = 'RUNNING' "
                    + "and sub_state is not null and awaiting_since < ? order by id fetch first ? rows only")) {
                ps.setObject(1, Database.toDb(cutoff));
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    /** Finishes a task only if it is still waiting (two nodes or the timeout may race the CPE's completion). */
    public Optional<Task> finishAwaiting(long id, TaskStatus status, String result, Integer faultCode,
                                         String faultString, Instant now) {
        return Optional.ofNullable(db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update task set status = ?, result = ?, fault_code = ?, "
                    + "fault_string = ?, updated = ?, sub_state = null, awaiting_since = null "
                    + "where id = ? and status = 'RUNNING' and sub_state is not null")) {
                ps.setString(1, status.name());
                ps.setString(2, result);
                ps.setObject(3, faultCode, java.sql.Types.INTEGER);
                ps.setString(4, faultString);
                ps.setObject(5, Database.toDb(now));
                ps.setLong(6, id);
                if (ps.executeUpdate() == 0) {
                    return null;
                }
            }
            return find(c, id);
        }));
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
                        rs.getString(8), Database.fromDb(rs.getObject(9)), Database.fromDb(rs.getObject(10)),
                        rs.getString(11), rs.getString(12)));
            }
        }
        return out;
    }

}
