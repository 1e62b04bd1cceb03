package org.jcwmp.acs.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Presets by name, each kept as its JSON definition (parsed and checked by the provisioning package). */
public final class PresetStore {
    private final Database db;

    public PresetStore(Database db) {
        this.db = db;
    }

    /** Every preset's definition by name. */
    public Map<String, String> all() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select name, definition from preset order by name");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, String> out = new LinkedHashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
                return out;
            }
        });
    }

    public void put(String name, String definition, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("delete from preset where name = ?");
                 PreparedStatement ins = c.prepareStatement("insert into preset (name, definition, updated) values (?, ?, ?)")) {
                del.setString(1, name);
                del.executeUpdate();
                ins.setString(1, name);
                ins.setString(2, definition);
                ins.setObject(3, Database.toDb(now));
                return ins.executeUpdate();
            }
        });
    }

    public boolean delete(String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from preset where name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
