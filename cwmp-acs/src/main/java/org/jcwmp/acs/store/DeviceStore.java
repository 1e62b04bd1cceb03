package org.jcwmp.acs.store;

import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Devices, their parameters and their Inform events, in the relational store. */
public final class DeviceStore {
    /** Parameters whose values the device row keeps, to reach the device without reading its tree. */
    private static final Map<String, String> CONTACT_COLUMNS = Map.of(
            ".ManagementServer.ConnectionRequestURL", "connection_request_url",
            ".ManagementServer.UDPConnectionRequestAddress", "udp_cr_address",
            ".ManagementServer.ConnReqJabberID", "jabber_id");
    private static final String DEVICE_COLUMNS = "id, manufacturer, oui, product_class, serial_number, first_contact, "
            + "last_contact, last_boot, connection_request_url, cr_username, cr_password, udp_cr_address, jabber_id, "
            + "stun_username, stun_password";
    private static final int DEVICE_COLUMN_COUNT = 15;
    private static final String MERGE_PARAMETER = """
            merge into device_parameter t
            using (values (cast(? as varchar(400)), cast(? as varchar(1024)), cast(? as varchar), cast(? as varchar(64)),
                           cast(? as boolean), cast(? as timestamp with time zone)))
                  as s (device_id, name, param_value, param_type, writable, updated)
            on t.device_id = s.device_id and t.name = s.name
            when matched then update set param_value = coalesce(s.param_value, t.param_value),
                                         param_type = coalesce(s.param_type, t.param_type),
                                         writable = coalesce(s.writable, t.writable), updated = s.updated
            when not matched then insert (device_id, name, param_value, param_type, writable, updated)
                                  values (s.device_id, s.name, s.param_value, s.param_type, s.writable, s.updated)
            """;

    private static final String MERGE_ATTRIBUTES = """
            merge into device_parameter t
            using (values (cast(? as varchar(400)), cast(? as varchar(1024)), cast(? as integer), cast(? as varchar(1024)),
                           cast(? as timestamp with time zone)))
                  as s (device_id, name, notification, access_list, updated)
            on t.device_id = s.device_id and t.name = s.name
            when matched then update set notification = coalesce(s.notification, t.notification),
                                         access_list = coalesce(s.access_list, t.access_list)
            when not matched then insert (device_id, name, notification, access_list, updated)
                                  values (s.device_id, s.name, s.notification, s.access_list, s.updated)
            """;

    private final Database db;

    public DeviceStore(Database db) {
        this.db = db;
    }

    /**
     * Records an Inform in one transaction (shared with Informs recorded at the same time: group commit): creates the device on first contact, updates its last contact,
     * stores the Inform's parameters and events. The ACS answers InformResponse only after this returns.
     * Values equal to the stored ones are not written again (most of a periodic Inform): a parameter's
     * {@code updated} time is when the ACS last learned a new value for it, the device's last contact when it
     * last heard the same.
     */
    public Device recordInform(Inform inform, Instant now) {
        DeviceIdStruct d = inform.deviceId();
        String id = Device.idOf(d);
        boolean boot = inform.event().stream().anyMatch(e -> EventCode.BOOT.equals(e.eventCode())
                || EventCode.BOOTSTRAP.equals(e.eventCode()));
        Instant lastBoot = boot ? now : null;
        long digest = InformDigest.of(inform.parameterList());
        return db.inGroupCommit(c -> {
            Long knownDigest = null;
            Device known;
            try (PreparedStatement ps = c.prepareStatement(
                    "select " + DEVICE_COLUMNS + ", inform_digest from device where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    known = rs.next() ? device(rs) : null;
                    if (known != null) {
                        knownDigest = (Long) rs.getObject(DEVICE_COLUMN_COUNT + 1);
                    }
                }
            }
            Device device;
            List<ParameterValueStruct> changed;
            if (known == null) {
                device = contacts(new Device(id, d, now, now, lastBoot, null, null, null, null, null, null, null),
                        inform.parameterList());
                changed = inform.parameterList();
                try (PreparedStatement ps = c.prepareStatement("insert into device (id, manufacturer, oui, "
                        + "product_class, serial_number, first_contact, last_contact, last_boot, "
                        + "connection_request_url, udp_cr_address, jabber_id, inform_digest) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, d.manufacturer());
                    ps.setString(3, d.oui());
                    ps.setString(4, d.productClass());
                    ps.setString(5, d.serialNumber());
                    ps.setObject(6, Database.toDb(now));
                    ps.setObject(7, Database.toDb(now));
                    ps.setObject(8, Database.toDb(lastBoot));
                    ps.setString(9, device.connectionRequestUrl());
                    ps.setString(10, device.udpConnectionRequestAddress());
                    ps.setString(11, device.jabberId());
                    ps.setLong(12, digest);
                    ps.executeUpdate();
                }
            } else {
                device = contacts(new Device(id, new DeviceIdStruct(d.manufacturer(), known.deviceId().oui(),
                                known.deviceId().productClass(), known.deviceId().serialNumber()), known.firstContact(),
                                now, lastBoot != null ? lastBoot : known.lastBoot(), known.connectionRequestUrl(),
                                known.connectionRequestUsername(), known.connectionRequestPassword(),
                                known.udpConnectionRequestAddress(), known.jabberId(), known.stunUsername(),
                                known.stunPassword()),
                        inform.parameterList());
                changed = knownDigest != null && knownDigest == digest ? List.of() : changed(c, id, inform.parameterList());
                try (PreparedStatement ps = c.prepareStatement("update device set manufacturer = ?, last_contact = ?, "
                        + "last_boot = ?, connection_request_url = ?, udp_cr_address = ?, jabber_id = ?, "
                        + "inform_digest = ? where id = ?")) {
                    ps.setString(1, d.manufacturer());
                    ps.setObject(2, Database.toDb(now));
                    ps.setObject(3, Database.toDb(device.lastBoot()));
                    ps.setString(4, device.connectionRequestUrl());
                    ps.setString(5, device.udpConnectionRequestAddress());
                    ps.setString(6, device.jabberId());
                    ps.setLong(7, digest);
                    ps.setString(8, id);
                    ps.executeUpdate();
                }
            }
            mergeParameters(c, id, changed, now);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into device_event (device_id, event_code, command_key, received) values (?, ?, ?, ?)")) {
                for (EventStruct e : inform.event()) {
                    ps.setString(1, id);
                    ps.setString(2, e.eventCode());
                    ps.setString(3, e.commandKey());
                    ps.setObject(4, Database.toDb(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return device;
        });
    }

    /** The values among these that differ from what the store holds for the device (or that it does not hold). */
    private static List<ParameterValueStruct> changed(Connection c, String id, List<ParameterValueStruct> values)
            throws SQLException {
        if (values.isEmpty()) {
            return values;
        }
        Map<String, ParameterValueStruct> reported = new java.util.HashMap<>();
        for (ParameterValueStruct p : values) {
            reported.put(p.name(), p);
        }
        try (PreparedStatement ps = c.prepareStatement("select name, param_value, param_type from device_parameter "
                + "where device_id = ? and name in (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?"))
                + ")")) {
            ps.setString(1, id);
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 2, values.get(i).name());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ParameterValueStruct p = reported.get(rs.getString(1));
                    String value = p.value() == null ? "" : p.value();
                    if (value.equals(rs.getString(2)) && (p.type() == null || p.type().equals(rs.getString(3)))) {
                        reported.remove(p.name());
                    }
                }
            }
        }
        if (reported.size() == values.size()) {
            return values;
        }
        return values.stream().filter(p -> reported.containsKey(p.name())).toList();
    }

    /** The device with the contact parameters among the values (ConnectionRequestURL, ...) taken over. */
    private static Device contacts(Device d, List<ParameterValueStruct> values) {
        String url = d.connectionRequestUrl();
        String udp = d.udpConnectionRequestAddress();
        String jid = d.jabberId();
        for (ParameterValueStruct p : values) {
            String column = contactColumn(p.name());
            if (column != null) {
                String value = p.value() == null || p.value().isEmpty() ? null : p.value();
                switch (column) {
                    case "connection_request_url" -> url = value;
                    case "udp_cr_address" -> udp = value;
                    default -> jid = value;
                }
            }
        }
        return new Device(d.id(), d.deviceId(), d.firstContact(), d.lastContact(), d.lastBoot(), url,
                d.connectionRequestUsername(), d.connectionRequestPassword(), udp, jid, d.stunUsername(),
                d.stunPassword());
    }

    public Optional<Device> find(String id) {
        return Optional.ofNullable(db.inTransaction(c -> find(c, id)));
    }

    /** Devices ordered by id, a page at a time. */
    public List<Device> list(int offset, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select " + DEVICE_COLUMNS + " from device order by id offset ? rows fetch next ? rows only")) {
                ps.setInt(1, offset);
                ps.setInt(2, limit);
                List<Device> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(device(rs));
                    }
                }
                return out;
            }
        });
    }

    public long count() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from device");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Parameters whose name starts with prefix ("" for all), ordered by name. */
    public List<StoredParameter> parameters(String deviceId, String prefix) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select name, param_value, param_type, writable, updated, notification, access_list "
                    + "from device_parameter where device_id = ? and name like ? escape '!' order by name")) {
                ps.setString(1, deviceId);
                ps.setString(2, likePrefix(prefix));
                List<StoredParameter> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String accessList = rs.getString(7);
                        out.add(new StoredParameter(rs.getString(1), rs.getString(2), rs.getString(3),
                                (Boolean) rs.getObject(4), Database.fromDb(rs.getObject(5)), (Integer) rs.getObject(6),
                                accessList == null ? null : accessList.isEmpty() ? List.of() : List.of(accessList.split(","))));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Records an event that came as a CPE's request rather than an Inform event code (AutonomousTransferComplete,
     * AutonomousDUStateChangeComplete), so that it shows with the device's events.
     */
    public void recordEvent(String deviceId, String eventCode, String commandKey, Instant at) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into device_event (device_id, event_code, command_key, received) values (?, ?, ?, ?)")) {
                ps.setString(1, deviceId);
                ps.setString(2, eventCode);
                ps.setString(3, commandKey.length() > 64 ? commandKey.substring(0, 64) : commandKey);
                ps.setObject(4, Database.toDb(at));
                return ps.executeUpdate();
            }
        });
    }

    /** The newest events first. */
    public List<StoredEvent> events(String deviceId, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select event_code, command_key, received from device_event "
                    + "where device_id = ? order by id desc fetch first ? rows only")) {
                ps.setString(1, deviceId);
                ps.setInt(2, limit);
                List<StoredEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredEvent(rs.getString(1), rs.getString(2), Database.fromDb(rs.getObject(3))));
                    }
                }
                return out;
            }
        });
    }

    /** Stores values the device reported or accepted. */
    public void storeValues(String deviceId, List<ParameterValueStruct> values, Instant now) {
        db.inTransaction(c -> {
            mergeValues(c, deviceId, values, now);
            forgetInformDigest(c, deviceId);
            return null;
        });
    }

    /** The stored values may no longer be those of the device's last Inform: its next Inform is compared value by value. */
    private static void forgetInformDigest(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update device set inform_digest = null where id = ?")) {
            ps.setString(1, deviceId);
            ps.executeUpdate();
        }
    }

    /** Stores names and writability from GetParameterNamesResponse, keeping known values. */
    public void storeNames(String deviceId, List<ParameterInfoStruct> names, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(MERGE_PARAMETER)) {
                for (ParameterInfoStruct p : names) {
                    ps.setString(1, deviceId);
                    ps.setString(2, p.name());
                    ps.setString(3, null);
                    ps.setString(4, null);
                    ps.setBoolean(5, p.writable());
                    ps.setObject(6, Database.toDb(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Stores Notification and AccessList as the CPE reported or accepted them; null leaves a field as it was. */
    public void storeAttributes(String deviceId, List<StoredAttribute> attributes, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(MERGE_ATTRIBUTES)) {
                for (StoredAttribute a : attributes) {
                    ps.setString(1, deviceId);
                    ps.setString(2, a.name());
                    ps.setObject(3, a.notification(), java.sql.Types.INTEGER);
                    ps.setString(4, a.accessList() == null ? null : String.join(",", a.accessList()));
                    ps.setObject(5, Database.toDb(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Records a new object instance (its path ends with the instance number and a dot). */
    public void storeObject(String deviceId, String instancePath, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(MERGE_PARAMETER)) {
                ps.setString(1, deviceId);
                ps.setString(2, instancePath);
                ps.setString(3, null);
                ps.setString(4, null);
                ps.setNull(5, java.sql.Types.BOOLEAN);
                ps.setObject(6, Database.toDb(now));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets an object instance and everything below it. */
    public void deleteObject(String deviceId, String instancePath) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from device_parameter where device_id = ? and name like ? escape '!'")) {
                ps.setString(1, deviceId);
                ps.setString(2, likePrefix(instancePath));
                ps.executeUpdate();
            }
            forgetInformDigest(c, deviceId);
            return null;
        });
    }

    /**
     * After a GetParameterValues or GetParameterNames (all levels) of these paths, forgets what the store still has
     * under each partial path (ending in ".", or "" for everything) that the CPE no longer reports: an object deleted
     * on the device, an item removed from a gateway. Objects stay while a reported name lies beneath them.
     */
    public void forgetUnreported(String deviceId, List<String> requestedPaths, java.util.Set<String> reported) {
        List<String> partial = requestedPaths.stream().filter(p -> p.isEmpty() || p.endsWith(".")).toList();
        if (partial.isEmpty()) {
            return;
        }
        // what stays: every reported name and every object above one
        java.util.Set<String> kept = new java.util.HashSet<>(reported);
        for (String name : reported) {
            for (int dot = name.indexOf('.'); dot >= 0 && dot < name.length() - 1; dot = name.indexOf('.', dot + 1)) {
                kept.add(name.substring(0, dot + 1));
            }
        }
        db.inTransaction(c -> {
            List<String> gone = new ArrayList<>();
            for (String prefix : partial) {
                try (PreparedStatement ps = c.prepareStatement(
                        "select name from device_parameter where device_id = ? and name like ? escape '!'")) {
                    ps.setString(1, deviceId);
                    ps.setString(2, likePrefix(prefix));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String name = rs.getString(1);
                            if (!kept.contains(name)) {
                                gone.add(name);
                            }
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from device_parameter where device_id = ? and name = ?")) {
                for (String name : gone) {
                    ps.setString(1, deviceId);
                    ps.setString(2, name);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!gone.isEmpty()) {
                forgetInformDigest(c, deviceId);
            }
            return null;
        });
    }

    /** The credentials the ACS uses for this device's connection requests. */
    public void setConnectionRequestCredentials(String deviceId, String username, String password) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update device set cr_username = ?, cr_password = ? where id = ?")) {
                ps.setString(1, username);
                ps.setString(2, password);
                ps.setString(3, deviceId);
                return ps.executeUpdate();
            }
        });
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static void mergeValues(Connection c, String id, List<ParameterValueStruct> values, Instant now)
            throws SQLException {
        updateContacts(c, id, values);
        mergeParameters(c, id, values, now);
    }

    private static void mergeParameters(Connection c, String id, List<ParameterValueStruct> values, Instant now)
            throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MERGE_PARAMETER)) {
            for (ParameterValueStruct p : values) {
                ps.setString(1, id);
                ps.setString(2, p.name());
                ps.setString(3, p.value() == null ? "" : p.value());
                ps.setString(4, p.type());
                ps.setNull(5, java.sql.Types.BOOLEAN);
                ps.setObject(6, Database.toDb(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Copies the contact parameters among the values into the device row. */
    private static void updateContacts(Connection c, String id, List<ParameterValueStruct> values) throws SQLException {
        for (ParameterValueStruct p : values) {
            String column = contactColumn(p.name());
            if (column != null) {
                try (PreparedStatement ps = c.prepareStatement("update device set " + column + " = ? where id = ?")) {
                    ps.setString(1, p.value() == null || p.value().isEmpty() ? null : p.value());
                    ps.setString(2, id);
                    ps.executeUpdate();
                }
            }
        }
    }

    /** The device row's column for a contact parameter (ConnectionRequestURL, ...), null for any other. */
    private static String contactColumn(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? null : CONTACT_COLUMNS.get(name.substring(dot));
    }

    /** The STUN credentials the ACS gave the device (it set them through SetParameterValues). */
    public void setStunCredentials(String deviceId, String username, String password) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update device set stun_username = ?, stun_password = ? where id = ?")) {
                ps.setString(1, username);
                ps.setString(2, password);
                ps.setString(3, deviceId);
                return ps.executeUpdate();
            }
        });
    }

    /** The device a STUN username belongs to. */
    public Optional<Device> findByStunUsername(String stunUsername) {
        return Optional.ofNullable(db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + DEVICE_COLUMNS
                    + " from device where stun_username = ? fetch first 1 rows only")) {
                ps.setString(1, stunUsername);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? device(rs) : null;
                }
            }
        }));
    }

    private static Device find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + DEVICE_COLUMNS + " from device where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? device(rs) : null;
            }
        }
    }

    private static Device device(ResultSet rs) throws SQLException {
        return new Device(rs.getString(1),
                new DeviceIdStruct(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                Database.fromDb(rs.getObject(6)), Database.fromDb(rs.getObject(7)), Database.fromDb(rs.getObject(8)),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                rs.getString(14), rs.getString(15));
    }

    /** Devices by id, in the order given; unknown ids are skipped. (Added for the NBI's device search, issue 6.) */
    public List<Device> find(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, Device> byId = db.inTransaction(c -> {
            java.util.Map<String, Device> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select " + DEVICE_COLUMNS + " from device where id in ("
                    + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")")) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 1, ids.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Device d = device(rs);
                        out.put(d.id(), d);
                    }
                }
            }
            return out;
        });
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }
}
