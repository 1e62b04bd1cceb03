package org.jcwmp.acs.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Metadata of the file server's files and of the CPEs' uploads; the content is on disk (files.FileRepository). */
public final class FileStore {
    private static final String FILE_COLUMNS = "name, file_type, oui, product_class, version, size, sha256, created";
    private static final String UPLOAD_COLUMNS = "id, device_id, name, file_type, size, sha256, created";

    private final Database db;

    public FileStore(Database db) {
        this.db = db;
    }

    /** Stores a file's metadata, replacing the one of that name; returns the replaced one's SHA-256, if any. */
    public Optional<String> put(StoredFile f) {
        return db.inTransaction(c -> {
            Optional<String> old = file(c, f.name()).map(StoredFile::sha256);
            try (PreparedStatement del = c.prepareStatement("delete from acs_file where name = ?");
                 PreparedStatement ins = c.prepareStatement("insert into acs_file (" + FILE_COLUMNS
                         + ") values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                del.setString(1, f.name());
                del.executeUpdate();
                ins.setString(1, f.name());
                ins.setString(2, f.fileType());
                ins.setString(3, f.oui());
                ins.setString(4, f.productClass());
                ins.setString(5, f.version());
                ins.setLong(6, f.size());
                ins.setString(7, f.sha256());
                ins.setObject(8, Database.toDb(f.created()));
                ins.executeUpdate();
            }
            return old;
        });
    }

    public Optional<StoredFile> file(String name) {
        return db.inTransaction(c -> file(c, name));
    }

    /** Every file, by name. */
    public List<StoredFile> files() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + FILE_COLUMNS + " from acs_file order by name");
                 ResultSet rs = ps.executeQuery()) {
                List<StoredFile> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(file(rs));
                }
                return out;
            }
        });
    }

    /**
     * Files of this FileType that fit a device: the ones whose OUI and ProductClass are the device's or unset.
     * Newest first.
     */
    public List<StoredFile> matching(String fileType, String oui, String productClass) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + FILE_COLUMNS + " from acs_file where file_type = ?"
                    + " and (oui is null or oui = ?) and (product_class is null or product_class = ?)"
                    + " order by created desc, name")) {
                ps.setString(1, fileType);
                ps.setString(2, oui);
                ps.setString(3, productClass);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredFile> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(file(rs));
                    }
                    return out;
                }
            }
        });
    }

    /** Deletes a file's metadata; returns what was deleted. */
    public Optional<StoredFile> delete(String name) {
        return db.inTransaction(c -> {
            Optional<StoredFile> old = file(c, name);
            if (old.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("delete from acs_file where name = ?")) {
                    ps.setString(1, name);
                    ps.executeUpdate();
                }
            }
            return old;
        });
    }

    /** Records what a device uploaded; returns it with its id. */
    public StoredUpload addUpload(StoredUpload u) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into device_upload (device_id, name, file_type, size, "
                    + "sha256, created) values (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, u.deviceId());
                ps.setString(2, u.name());
                ps.setString(3, u.fileType());
                ps.setLong(4, u.size());
                ps.setString(5, u.sha256());
                ps.setObject(6, Database.toDb(u.created()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new StoredUpload(keys.getLong(1), u.deviceId(), u.name(), u.fileType(), u.size(), u.sha256(),
                            u.created());
                }
            }
        });
    }

    public Optional<StoredUpload> upload(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + UPLOAD_COLUMNS + " from device_upload where id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(upload(rs)) : Optional.<StoredUpload>empty();
                }
            }
        });
    }

    /** A device's uploads, newest first. */
    public List<StoredUpload> uploads(String deviceId, int offset, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + UPLOAD_COLUMNS + " from device_upload "
                    + "where device_id = ? order by id desc offset ? rows fetch next ? rows only")) {
                ps.setString(1, deviceId);
                ps.setInt(2, offset);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredUpload> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(upload(rs));
                    }
                    return out;
                }
            }
        });
    }

    public Optional<StoredUpload> deleteUpload(long id) {
        return db.inTransaction(c -> {
            Optional<StoredUpload> old;
            try (PreparedStatement ps = c.prepareStatement("select " + UPLOAD_COLUMNS + " from device_upload where id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    old = rs.next() ? Optional.of(upload(rs)) : Optional.empty();
                }
            }
            if (old.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement("delete from device_upload where id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            return old;
        });
    }

    /** Whether any file or upload still has content with this SHA-256 (content on disk is shared by hash). */
    public boolean contentInUse(String sha256) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from acs_file where sha256 = ? union all "
                    + "select 1 from device_upload where sha256 = ?")) {
                ps.setString(1, sha256);
                ps.setString(2, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The shared secret of this name, created (random, 256 bits) by whichever node asks first. */
    public String secret(String name) {
        Optional<String> found = readSecret(name);
        if (found.isPresent()) {
            return found.get();
        }
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("insert into acs_secret (name, secret) values (?, ?)")) {
                    ps.setString(1, name);
                    ps.setString(2, java.util.HexFormat.of().formatHex(random));
                    return ps.executeUpdate();
                }
            });
        } catch (StoreException e) {
            // another node inserted it first: read theirs below
        }
        return readSecret(name).orElseThrow(() -> new IllegalStateException("no secret " + name));
    }

    private Optional<String> readSecret(String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select secret from acs_secret where name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private static Optional<StoredFile> file(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + FILE_COLUMNS + " from acs_file where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(file(rs)) : Optional.empty();
            }
        }
    }

    private static StoredFile file(ResultSet rs) throws SQLException {
        return new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), Database.fromDb(rs.getObject(8)));
    }

    private static StoredUpload upload(ResultSet rs) throws SQLException {
        return new StoredUpload(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), Database.fromDb(rs.getObject(7)));
    }
}
