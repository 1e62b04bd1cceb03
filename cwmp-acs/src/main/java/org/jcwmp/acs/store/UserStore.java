package org.jcwmp.acs.store;

import org.jcwmp.acs.auth.ApiToken;
import org.jcwmp.acs.auth.Role;
import org.jcwmp.acs.auth.User;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** NBI users, their API tokens (hashed) and web UI sessions (hashed), in the relational store. */
public final class UserStore {
    /** A token found by its hash, with the role of the user who owns it. */
    public record TokenOwner(ApiToken token, Role userRole) {
    }

    /** A live UI session found by its hash. */
    public record SessionOwner(String username, Role role, Instant expires) {
    }

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    public boolean isEmpty() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from nbi_user fetch first 1 rows only");
                 ResultSet rs = ps.executeQuery()) {
                return !rs.next();
            }
        });
    }

    public List<User> users() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select username, role, created from nbi_user order by username");
                 ResultSet rs = ps.executeQuery()) {
                List<User> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new User(rs.getString(1), Role.valueOf(rs.getString(2)), Database.fromDb(rs.getObject(3))));
                }
                return out;
            }
        });
    }

    public Optional<User> user(String username) {
        return users().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    public Optional<String> passwordHash(String username) {
        return Optional.ofNullable(db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select password_hash from nbi_user where username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }));
    }

    /** Creates the user or replaces its role and password hash. */
    public void putUser(String username, Role role, String passwordHash, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "update nbi_user set role = ?, password_hash = ? where username = ?")) {
                up.setString(1, role.name());
                up.setString(2, passwordHash);
                up.setString(3, username);
                if (up.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "insert into nbi_user (username, role, password_hash, created) values (?, ?, ?, ?)")) {
                ins.setString(1, username);
                ins.setString(2, role.name());
                ins.setString(3, passwordHash);
                ins.setObject(4, Database.toDb(now));
                ins.executeUpdate();
            }
            return null;
        });
    }

    public boolean setRole(String username, Role role) {
        return update("update nbi_user set role = ? where username = ?", role.name(), username) > 0;
    }

    public boolean deleteUser(String username) {
        return update("delete from nbi_user where username = ?", username) > 0;
    }

    public void insertToken(ApiToken t, String tokenHash) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into nbi_token (id, username, token_hash, label, role, "
                    + "created) values (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, t.id());
                ps.setString(2, t.username());
                ps.setString(3, tokenHash);
                ps.setString(4, t.label());
                ps.setString(5, t.role() == null ? null : t.role().name());
                ps.setObject(6, Database.toDb(t.created()));
                return ps.executeUpdate();
            }
        });
    }

    public Optional<TokenOwner> tokenByHash(String tokenHash) {
        return Optional.ofNullable(db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select t.id, t.username, t.label, t.role, t.created, "
                    + "t.last_used, u.role from nbi_token t join nbi_user u on u.username = t.username where t.token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new TokenOwner(token(rs), Role.valueOf(rs.getString(7))) : null;
                }
            }
        }));
    }

    /** Tokens of one user, or of everyone when username is null. */
    public List<ApiToken> tokens(String username) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id, username, label, role, created, last_used "
                    + "from nbi_token" + (username == null ? "" : " where username = ?") + " order by created, id")) {
                if (username != null) {
                    ps.setString(1, username);
                }
                List<ApiToken> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(token(rs));
                    }
                }
                return out;
            }
        });
    }

    public boolean deleteToken(String id) {
        return update("delete from nbi_token where id = ?", id) > 0;
    }

    /** Removes a user's tokens with this label (the demo replaces its token on every start). */
    public int deleteTokens(String username, String label) {
        return update("delete from nbi_token where username = ? and label = ?", username, label);
    }

    public void touchToken(String id, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update nbi_token set last_used = ? where id = ?")) {
                ps.setObject(1, Database.toDb(now));
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    public void insertSession(String idHash, String username, Instant created, Instant expires) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("delete from nbi_session where expires < ?");
                 PreparedStatement ps = c.prepareStatement(
                         "insert into nbi_session (id_hash, username, created, expires) values (?, ?, ?, ?)")) {
                del.setObject(1, Database.toDb(created));
                del.executeUpdate();
                ps.setString(1, idHash);
                ps.setString(2, username);
                ps.setObject(3, Database.toDb(created));
                ps.setObject(4, Database.toDb(expires));
                return ps.executeUpdate();
            }
        });
    }

    public Optional<SessionOwner> sessionByHash(String idHash, Instant now) {
        return Optional.ofNullable(db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select s.username, u.role, s.expires from nbi_session s "
                    + "join nbi_user u on u.username = s.username where s.id_hash = ? and s.expires > ?")) {
                ps.setString(1, idHash);
                ps.setObject(2, Database.toDb(now));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new SessionOwner(rs.getString(1), Role.valueOf(rs.getString(2)),
                            Database.fromDb(rs.getObject(3))) : null;
                }
            }
        }));
    }

    public void deleteSession(String idHash) {
        update("delete from nbi_session where id_hash = ?", idHash);
    }

    private int update(String sql, String... args) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        String role = rs.getString(4);
        return new ApiToken(rs.getString(1), rs.getString(2), rs.getString(3), role == null ? null : Role.valueOf(role),
                Database.fromDb(rs.getObject(5)), Database.fromDb(rs.getObject(6)));
    }
}
