package org.jcwmp.acs.cluster;

import org.jcwmp.acs.store.Database;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Several ACS nodes on one PostgreSQL. Each node beats in {@code acs_node} every interval; the device sessions it holds
 * are rows of {@code device_session}. Signals between nodes are PostgreSQL notifications on one channel, read on a
 * connection of its own (one channel per database and schema); each says what happened, who sent it and for which node ("*": all). A node whose heartbeat is
 * older than three intervals is dead: the first live node to notice deletes its row and its sessions, then settles the
 * tasks it had sent ({@link Node#nodeDied}).
 */
public final class PostgresCluster implements Cluster {
    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    private static final String MOVED = "moved";
    private static final String ASK_CR = "cr";
    private static final String CR_ANSWERED = "informed";
    private static final String FINISHED = "finished";
    private static final String ALL = "*";
    /** A heartbeat older than this many intervals means the node is dead. */
    static final int MISSED_BEATS = 3;

    private final Database db;
    private final String nodeId;
    private final Duration interval;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile Node node;
    /** The notification channel: one per database and schema, since notifications reach the whole database. */
    private volatile String channel;
    private volatile boolean closed;
    private ScheduledExecutorService beats;
    private Thread listener;

    /**
     * @param heartbeat how often the node beats and looks for dead nodes; a node is dead after three missed beats
     */
    public PostgresCluster(Database db, String nodeId, Duration heartbeat) {
        if (!db.postgres()) {
            throw new IllegalArgumentException("several ACS nodes need PostgreSQL");
        }
        this.db = db;
        this.nodeId = Cluster.checkNodeId(nodeId);
        this.interval = heartbeat;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public synchronized void start(Node node) {
        this.node = node;
        this.channel = db.inTransaction(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select current_database() || '.' || current_schema()")) {
                rs.next();
                return channelFor(rs.getString(1));
            }
        });
        db.inTransaction(c -> {
            // A previous run under the same id held these sessions; they ended with it.
            update(c, "delete from device_session where node_id = ?", nodeId);
            try (PreparedStatement ps = c.prepareStatement("insert into acs_node (id, started, heartbeat, xmpp) values "
                    + "(?, current_timestamp, current_timestamp, false) on conflict (id) do update set "
                    + "started = current_timestamp, heartbeat = current_timestamp")) {
                ps.setString(1, nodeId);
                ps.executeUpdate();
            }
            return null;
        });
        listener = Thread.ofPlatform().daemon().name("cluster-listener-" + nodeId).start(this::listen);
        try {
            if (!listening.await(10, TimeUnit.SECONDS)) {
                log.warn("node {} is not listening to the other nodes yet", nodeId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        beats = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("cluster-heartbeat").factory());
        beats.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void sessionOpened(String deviceId) {
        db.inTransaction(c -> {
            String previous = owner(c, deviceId);
            if (previous == null) {
                try (PreparedStatement ps = c.prepareStatement("insert into device_session (device_id, node_id, since) "
                        + "values (?, ?, current_timestamp) on conflict (device_id) do nothing")) {
                    ps.setString(1, deviceId);
                    ps.setString(2, nodeId);
                    if (ps.executeUpdate() == 0) {
                        previous = owner(c, deviceId); // another node inserted it meanwhile: now it waits for us
                    }
                }
            }
            if (previous != null) {
                update(c, "update device_session set node_id = ?, since = current_timestamp where device_id = ?",
                        nodeId, deviceId);
            }
            if (previous != null && !previous.equals(nodeId)) {
                // The device's new Inform ended the session it had there: what that node had sent it is queued again
                // (only the sending node's own requeue is conditional on it, so this cannot undo a newer take).
                update(c, "update task set status = 'QUEUED', node_id = null, updated = current_timestamp "
                        + "where device_id = ? and status = 'RUNNING' and sub_state is null and node_id = ?",
                        deviceId, previous);
                notify(c, MOVED, previous, deviceId); // delivered at commit
            }
            return null;
        });
    }

    @Override
    public void sessionEnded(String deviceId) {
        db.inTransaction(c -> update(c, "delete from device_session where device_id = ? and node_id = ?", deviceId,
                nodeId));
    }

    @Override
    public boolean inSessionElsewhere(String deviceId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from device_session s join acs_node n "
                    + "on n.id = s.node_id where s.device_id = ? and s.node_id <> ? and " + alive("n"))) {
                ps.setString(1, deviceId);
                ps.setString(2, nodeId);
                ps.setDouble(3, staleMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public java.util.Set<String> inSessionElsewhere(java.util.Collection<String> deviceIds) {
        return db.inTransaction(c -> {
            java.util.Set<String> out = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("select s.device_id from device_session s join acs_node n "
                    + "on n.id = s.node_id where s.device_id = any (?) and s.node_id <> ? and " + alive("n"))) {
                ps.setArray(1, c.createArrayOf("varchar", deviceIds.toArray()));
                ps.setString(2, nodeId);
                ps.setDouble(3, staleMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Optional<String> askXmppConnectionRequest(String deviceId) {
        return Optional.ofNullable(db.inTransaction(c -> {
            String target;
            try (PreparedStatement ps = c.prepareStatement("select id from acs_node n where id <> ? and xmpp and "
                    + alive("n") + " order by heartbeat desc fetch first 1 rows only")) {
                ps.setString(1, nodeId);
                ps.setDouble(2, staleMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    target = rs.getString(1);
                }
            }
            notify(c, ASK_CR, target, deviceId);
            return target;
        }));
    }

    @Override
    public void connectionRequestAnswered(String deviceId) {
        db.inTransaction(c -> notify(c, CR_ANSWERED, ALL, deviceId));
    }

    @Override
    public void taskFinished(long taskId) {
        db.inTransaction(c -> notify(c, FINISHED, ALL, Long.toString(taskId)));
    }

    /** Stops beating and listening, and marks the node as dead now, so that the next live node settles what it had. */
    public void leave() {
        close();
        try {
            db.inTransaction(c -> update(c, "update acs_node set heartbeat = timestamp with time zone "
                    + "'1970-01-01 00:00:00+00' where id = ?", nodeId));
        } catch (RuntimeException e) {
            log.warn("node {} could not mark itself gone: {}", nodeId, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (beats != null) {
            beats.shutdown(); // not interrupted: a beat in a JDBC call would break its pooled connection
            try {
                beats.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One beat: this node is alive (and says whether its XMPP link is up); nodes that stopped beating are released. */
    private void beat() {
        if (closed) {
            return;
        }
        try {
            boolean xmpp = node.xmppConnected();
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("insert into acs_node (id, started, heartbeat, xmpp) "
                        + "values (?, current_timestamp, current_timestamp, ?) on conflict (id) do update set "
                        + "heartbeat = current_timestamp, xmpp = excluded.xmpp")) {
                    ps.setString(1, nodeId);
                    ps.setBoolean(2, xmpp);
                    return ps.executeUpdate();
                }
            });
            for (String dead : releaseDeadNodes()) {
                log.warn("ACS node {} stopped beating: its device sessions are released and its tasks settled", dead);
                // not on the heartbeat's thread: settling many tasks must not make this node look dead in turn
                Thread.ofVirtual().name("cluster-settle-" + dead).start(() -> {
                    try {
                        node.nodeDied(dead);
                    } catch (RuntimeException e) {
                        log.warn("node {}: could not settle the tasks of node {}: {}", nodeId, dead, e.toString());
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("node {}: heartbeat failed: {}", nodeId, e.toString());
        }
    }

    /** Deletes the rows of nodes that stopped beating, and their sessions; returns the nodes this node released. */
    private List<String> releaseDeadNodes() {
        List<String> candidates = db.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from acs_node n where id <> ? and not " + alive("n"))) {
                ps.setString(1, nodeId);
                ps.setDouble(2, staleMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
        List<String> released = new ArrayList<>();
        for (String id : candidates) {
            boolean mine = db.inTransaction(c -> {
                // Conditional: of two live nodes that notice together, one releases it.
                try (PreparedStatement ps = c.prepareStatement(
                        "delete from acs_node n where id = ? and not " + alive("n"))) {
                    ps.setString(1, id);
                    ps.setDouble(2, staleMillis());
                    if (ps.executeUpdate() == 0) {
                        return false;
                    }
                }
                update(c, "delete from device_session where node_id = ?", id);
                return true;
            });
            if (mine) {
                released.add(id);
            }
        }
        return released;
    }

    /** Reads signals until closed, reconnecting after a failure (signals sent meanwhile are lost). */
    private void listen() {
        while (!closed) {
            try (Connection c = db.openDedicated()) {
                try (Statement st = c.createStatement()) {
                    st.execute("listen " + channel);
                }
                listening.countDown();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] signals = pg.getNotifications(250);
                    if (signals != null) {
                        for (PGNotification n : signals) {
                            dispatch(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("node {} lost its link to the other nodes, reconnecting: {}", nodeId, e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** A signal is "kind|sender|target|argument"; this node acts on those for it or for all, not its own. */
    private void dispatch(String payload) {
        String[] p = payload.split("\\|", 4);
        if (p.length < 4 || p[1].equals(nodeId) || !(p[2].equals(nodeId) || p[2].equals(ALL))) {
            return;
        }
        Node n = node;
        String arg = p[3];
        Thread.ofVirtual().name("cluster-signal").start(() -> {
            try {
                switch (p[0]) {
                    case MOVED -> n.sessionMovedAway(arg);
                    case ASK_CR -> n.connectionRequestAsked(arg);
                    case CR_ANSWERED -> n.connectionRequestAnswered(arg);
                    case FINISHED -> n.taskFinished(Long.parseLong(arg));
                    default -> log.debug("unknown cluster signal {}", payload);
                }
            } catch (RuntimeException e) {
                log.warn("node {}: signal {} failed: {}", nodeId, payload, e.toString());
            }
        });
    }

    private Object notify(Connection c, String kind, String target, String argument) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_notify(?, ?)")) {
            ps.setString(1, channel);
            ps.setString(2, kind + "|" + nodeId + "|" + target + "|" + argument);
            ps.executeQuery().close();
        }
        return null;
    }

    /** A channel name (a PostgreSQL identifier) for the nodes of one database and schema. */
    static String channelFor(String databaseAndSchema) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(databaseAndSchema.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "jcwmp_cluster_" + java.util.HexFormat.of().formatHex(hash, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String owner(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select node_id from device_session where device_id = ? for update")) {
            ps.setString(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static int update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** The condition that the node row (by its alias) beat recently; one parameter: the staleness in milliseconds. */
    private static String alive(String a) {
        return a + ".heartbeat >= current_timestamp - cast(? as double precision) * interval '1 millisecond'";
    }

    private double staleMillis() {
        return (double) interval.toMillis() * MISSED_BEATS;
    }
}
