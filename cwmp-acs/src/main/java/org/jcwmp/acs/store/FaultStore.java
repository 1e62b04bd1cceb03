package org.jcwmp.acs.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Open faults per device. Retry and clear remove them; retries counts how often a channel failed in a row. */
public final class FaultStore {
    private static final String COLUMNS = "id, device_id, channel, task_id, code, message, detail, retries, state, created";

    private final Database db;

    public FaultStore(Database db) {
        this.db = db;
    }

    /** Opens a fault; one already open on the same device and channel is replaced, its retries counted on. */
    public StoredFault open(String deviceId, String channel, Long taskId, Integer code, String message, String detail,
                            int retriesSoFar, Instant now) {
        return db.inTransaction(c -> {
            int retries = retriesSoFar;
            try (PreparedStatement ps = c.prepareStatement(
                    "select retries from fault where device_id = ? and channel = ?")) {
                ps.setString(1, deviceId);
                ps.setString(2, channel);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        retries = Math.max(retries, rs.getInt(1) + 1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from fault where device_id = ? and channel = ?")) {
                ps.setString(1, deviceId);
                ps.setString(2, channel);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into fault (device_id, channel, task_id, code, message, "
                    + "detail, retries, state, created) values (?, ?, ?, ?, ?, ?, ?, 'open', ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, deviceId);
                ps.setString(2, channel);
                ps.setObject(3, taskId, java.sql.Types.BIGINT);
                ps.setObject(4, code, java.sql.Types.INTEGER);
                ps.setString(5, message == null ? null : message.substring(0, Math.min(message.length(), 1024)));
                ps.setString(6, detail);
                ps.setInt(7, retries);
                ps.setObject(8, Database.toDb(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return find(c, keys.getLong(1));
                }
            }
        });
    }

    public Optional<StoredFault> find(long id) {
        return Optional.ofNullable(db.inTransaction(c -> find(c, id)));
    }

    /** Open faults, newest first; deviceId null for every device. */
    public List<StoredFault> list(String deviceId, int offset, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from fault"
                    + (deviceId == null ? "" : " where device_id = ?") + " order by id desc offset ? rows fetch next ? rows only")) {
                int i = 1;
                if (deviceId != null) {
                    ps.setString(i++, deviceId);
                }
                ps.setInt(i++, offset);
                ps.setInt(i, limit);
                return list(ps);
            }
        });
    }

    public long count() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from fault"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The channels with an open fault on this device (presets skip theirs until retried or cleared). */
    public List<String> channels(String deviceId) {
        return list(deviceId, 0, 1000).stream().filter(f -> StoredFault.OPEN.equals(f.state()))
                .map(StoredFault::channel).distinct().toList();
    }

    /** Marks a fault as being retried: kept (with its count) until the retry succeeds or fails again. */
    public void retrying(long id) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update fault set state = 'retrying' where id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Closes the faults of a channel on a device (its retry went through). */
    public int resolve(String deviceId, String channel) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from fault where device_id = ? and channel = ?")) {
                ps.setString(1, deviceId);
                ps.setString(2, channel);
                return ps.executeUpdate();
            }
        });
    }

    public boolean delete(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from fault where id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static StoredFault find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from fault where id = ?")) {
            ps.setLong(1, id);
            List<StoredFault> l = list(ps);
            return l.isEmpty() ? null : l.getFirst();
        }
    }

    private static List<StoredFault> list(PreparedStatement ps) throws SQLException {
        List<StoredFault> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Number task = (Number) rs.getObject(4);
                out.add(new StoredFault(rs.getLong(1), rs.getString(2), rs.getString(3), task == null ? null : task.longValue(),
                        (Integer) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                        Database.fromDb(rs.getObject(10))));
            }
        }
        return out;
    }
}
