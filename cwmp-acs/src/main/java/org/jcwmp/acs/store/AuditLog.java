package org.jcwmp.acs.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every change made through the NBI, append-only. */
public final class AuditLog {
    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    public void record(Instant at, String username, String method, String path, int status, String detail) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into audit_log (at, username, method, path, status, detail) values (?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, Database.toDb(at));
                ps.setString(2, username);
                ps.setString(3, method);
                ps.setString(4, path.length() > 1024 ? path.substring(0, 1024) : path);
                ps.setInt(5, status);
                ps.setString(6, detail);
                return ps.executeUpdate();
            }
        });
    }

    /** Newest first; filter on a user or on a path fragment (e.g. a device id) when not null. */
    public List<AuditEntry> list(String username, String pathContains, int offset, int limit) {
        return db.inTransaction(c -> {
            StringBuilder sql = new StringBuilder("select id, at, username, method, path, status, detail from audit_log where 1 = 1");
            List<String> args = new ArrayList<>();
            if (username != null) {
                sql.append(" and username = ?");
                args.add(username);
            }
            if (pathContains != null) {
                sql.append(" and path like ? escape '!'");
                args.add("%" + pathContains.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
            sql.append(" order by id desc offset ? rows fetch next ? rows only");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (String a : args) {
                    ps.setString(i++, a);
                }
                ps.setInt(i++, offset);
                ps.setInt(i, limit);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), Database.fromDb(rs.getObject(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }
}
