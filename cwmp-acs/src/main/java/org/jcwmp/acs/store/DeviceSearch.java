package org.jcwmp.acs.store;

import org.jcwmp.acs.query.Query;
import org.jcwmp.acs.query.SqlQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds devices by a {@link Query} (parameter values, tags, identity, contact times), sorted and a page at a time. */
public final class DeviceSearch {
    public record Page(long total, List<Device> devices) {
    }

    /** How many devices informed since a moment, and the minute-by-minute Inform counts. */
    public record Activity(long devices, long since5m, long since24h, Map<Instant, Long> informsPerMinute) {
    }

    private final Database db;
    private final DeviceStore devices;

    public DeviceSearch(Database db, DeviceStore devices) {
        this.db = db;
        this.devices = devices;
    }

    public Page search(Query query, List<SqlQuery.Sort> sort, int offset, int limit) {
        SqlQuery.Fragment where = SqlQuery.where(query);
        SqlQuery.Fragment order = SqlQuery.orderBy(sort);
        return db.inTransaction(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from device d where " + where.sql())) {
                bind(ps, where.params(), 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select d.id from device d where " + where.sql()
                    + " order by " + order.sql() + " offset ? rows fetch next ? rows only")) {
                int i = bind(ps, where.params(), 1);
                i = bind(ps, order.params(), i);
                ps.setInt(i++, offset);
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return new Page(total, devices.find(ids));
        });
    }

    /** Ids of every device that matches, up to max (for bulk work). */
    public List<String> ids(Query query, int max) {
        SqlQuery.Fragment where = SqlQuery.where(query);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select d.id from device d where " + where.sql()
                    + " order by d.id fetch first ? rows only")) {
                int i = bind(ps, where.params(), 1);
                ps.setInt(i, max);
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

    /** For each device, the value of the first of these parameters it has (e.g. its software version). */
    public Map<String, String> values(List<String> ids, List<String> names) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select device_id, name, param_value from device_parameter "
                    + "where device_id in (" + marks(ids.size()) + ") and name in (" + marks(names.size()) + ")")) {
                int i = 1;
                for (String id : ids) {
                    ps.setString(i++, id);
                }
                for (String n : names) {
                    ps.setString(i++, n);
                }
                Map<String, Map<String, String>> found = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                    }
                }
                Map<String, String> out = new LinkedHashMap<>();
                found.forEach((id, byName) -> names.stream().filter(byName::containsKey).findFirst()
                        .ifPresent(n -> out.put(id, byName.get(n))));
                return out;
            }
        });
    }

    /** The dashboard's numbers: devices, how many informed lately, and Informs per minute since a moment. */
    public Activity activity(Instant now, Instant chartSince) {
        return db.inTransaction(c -> {
            long total = count(c, "select count(*) from device", null);
            long m5 = count(c, "select count(*) from device where last_contact >= ?", now.minusSeconds(300));
            long h24 = count(c, "select count(*) from device where last_contact >= ?", now.minusSeconds(86_400));
            // The events of one Inform share device and receive time: count those pairs, per minute (in Java: the
            // SQL for truncating times differs between H2 and PostgreSQL).
            Map<Instant, Long> perMinute = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select distinct device_id, received from device_event where received >= ?")) {
                ps.setObject(1, Database.toDb(chartSince));
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant at = Database.fromDb(rs.getObject(2));
                        perMinute.merge(at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), 1L, Long::sum);
                    }
                }
            }
            return new Activity(total, m5, h24, perMinute);
        });
    }

    private static long count(Connection c, String sql, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (since != null) {
                ps.setObject(1, Database.toDb(since));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int bind(PreparedStatement ps, List<Object> params, int start) throws SQLException {
        int i = start;
        for (Object p : params) {
            if (p instanceof Long n) {
                ps.setLong(i++, n);
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
