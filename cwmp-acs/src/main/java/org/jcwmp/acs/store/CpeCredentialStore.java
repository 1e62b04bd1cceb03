package org.jcwmp.acs.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Per-device credentials that CPEs present to the ACS (their ManagementServer.Username and Password). */
public final class CpeCredentialStore {
    private final Database db;

    public CpeCredentialStore(Database db) {
        this.db = db;
    }

    public Optional<String> password(String username) {
        return Optional.ofNullable(db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select password from cpe_credential where username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }));
    }

    public void put(String username, String password) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("delete from cpe_credential where username = ?");
                 PreparedStatement ins = c.prepareStatement("insert into cpe_credential (username, password) values (?, ?)")) {
                del.setString(1, username);
                del.executeUpdate();
                ins.setString(1, username);
                ins.setString(2, password);
                return ins.executeUpdate();
            }
        });
    }
}
