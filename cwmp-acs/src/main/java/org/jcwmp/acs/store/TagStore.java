package org.jcwmp.acs.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Device tags: free labels operators search by and presets test and set. */
public final class TagStore {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._:@+-]{1,128}");

    private final Database db;

    public TagStore(Database db) {
        this.db = db;
    }

    /** @throws IllegalArgumentException when the tag has characters a query or a URL would trip over */
    public static String check(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("a tag is 1 to 128 letters, digits or . _ : @ + -, not \"" + tag + "\"");
        }
        return tag;
    }

    public Set<String> tags(String deviceId) {
        return tags(List.of(deviceId)).getOrDefault(deviceId, new TreeSet<>());
    }

    public Map<String, Set<String>> tags(Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select device_id, tag from device_tag where device_id in ("
                    + String.join(", ", java.util.Collections.nCopies(deviceIds.size(), "?")) + ")")) {
                int i = 1;
                for (String id : deviceIds) {
                    ps.setString(i++, id);
                }
                Map<String, Set<String>> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                    }
                }
                return out;
            }
        });
    }

    /** Adds and removes tags in one transaction; returns whether anything changed. */
    public boolean change(String deviceId, Collection<String> add, Collection<String> remove) {
        add.forEach(TagStore::check);
        return db.inTransaction(c -> {
            int changed = 0;
            try (PreparedStatement del = c.prepareStatement("delete from device_tag where device_id = ? and tag = ?")) {
                for (String t : remove) {
                    del.setString(1, deviceId);
                    del.setString(2, t);
                    changed += del.executeUpdate();
                }
            }
            try (PreparedStatement has = c.prepareStatement("select 1 from device_tag where device_id = ? and tag = ?");
                 PreparedStatement ins = c.prepareStatement("insert into device_tag (device_id, tag) values (?, ?)")) {
                for (String t : add) {
                    has.setString(1, deviceId);
                    has.setString(2, t);
                    try (ResultSet rs = has.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                    ins.setString(1, deviceId);
                    ins.setString(2, t);
                    changed += ins.executeUpdate();
                }
            }
            return changed > 0;
        });
    }

    /** Every tag in use with how many devices carry it. */
    public Map<String, Long> counts() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select tag, count(*) from device_tag group by tag order by tag");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, Long> out = new java.util.LinkedHashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
                return out;
            }
        });
    }

    public List<String> all() {
        return new ArrayList<>(counts().keySet());
    }
}
