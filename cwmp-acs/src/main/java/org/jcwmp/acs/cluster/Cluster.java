package org.jcwmp.acs.cluster;

import java.util.Optional;

/**
 * The ACS nodes that share one store. A node records which device sessions it holds, so that a device has one session
 * at a time across nodes, and passes signals to the others: "your session of this device moved here", "send this
 * connection request over your XMPP link", "this device Informed after a connection request", "this task finished".
 * One node on its own store ({@link #single}) needs none of that; several nodes on PostgreSQL use
 * {@link PostgresCluster}.
 */
public interface Cluster extends AutoCloseable {
    /** What a node does for the others: the cluster calls it when another node signals or when a node is found dead. */
    interface Node {
        /** The device Informed on another node: end the session this node still has for it, without writing. */
        default void sessionMovedAway(String deviceId) {
        }

        /** Another node asks this one to send the device a connection request (this node's XMPP link is up). */
        default void connectionRequestAsked(String deviceId) {
        }

        /** The device Informed with 6 CONNECTION REQUEST on another node. */
        default void connectionRequestAnswered(String deviceId) {
        }

        /** A task finished on another node. */
        default void taskFinished(long taskId) {
        }

        /** A node stopped beating; its device sessions are released already: settle the tasks it had sent. */
        default void nodeDied(String nodeId) {
        }

        /** Whether this node's XMPP link is up (advertised with its heartbeat). */
        default boolean xmppConnected() {
            return false;
        }
    }

    /** This node's identity, unique among the nodes on the store. */
    String nodeId();

    /** Registers this node and starts listening to the others; until then signals are dropped. */
    void start(Node node);

    /**
     * Records that this node holds the device's session now. The newest Inform wins: the node that held it before is
     * told ({@link Node#sessionMovedAway}), and the tasks it had sent the device without an answer go back to the
     * queue, since the device's new Inform ended that session.
     */
    void sessionOpened(String deviceId);

    /** The session this node held for the device is over (no-op when another node holds it now). */
    void sessionEnded(String deviceId);

    /** Whether another live node holds a session of the device. */
    boolean inSessionElsewhere(String deviceId);

    /** Those of the devices whose session another live node holds. */
    java.util.Set<String> inSessionElsewhere(java.util.Collection<String> deviceIds);

    /**
     * Asks a live node whose XMPP link is up to send the device a connection request; the node asked, or empty when
     * there is none.
     */
    Optional<String> askXmppConnectionRequest(String deviceId);

    /** Tells the other nodes the device Informed with 6 CONNECTION REQUEST here. */
    void connectionRequestAnswered(String deviceId);

    /** Tells the other nodes that a task finished here (their NBI calls may wait for it). */
    void taskFinished(long taskId);

    /** Stops beating and listening; the node's row stays, as a dead node's would, unless it is released. */
    @Override
    void close();

    /** One node on its own store: everything is local, nothing is written. */
    static Cluster single(String nodeId) {
        return new SingleNode(nodeId);
    }

    /**
     * A default node identity: the host name, the process id and a random part (containers often share both), so a
     * restarted node is a new node and the live ones settle what its previous run left.
     */
    static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName().replace('|', '-');
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        String suffix = "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(new java.security.SecureRandom().nextInt(0x10000) | 0x10000).substring(1);
        return (host.length() > 64 - suffix.length() ? host.substring(0, 64 - suffix.length()) : host) + suffix;
    }

    /** Checks a node identity: 1 to 64 characters, none of them '|' or a control character. */
    static String checkNodeId(String id) {
        if (id == null || id.isEmpty() || id.length() > 64 || id.chars().anyMatch(c -> c == '|' || c < 0x20)) {
            throw new IllegalArgumentException("a node id is 1 to 64 characters without '|': \"" + id + "\"");
        }
        return id;
    }
}
