package org.jcwmp.acs.cluster;

import java.util.Optional;

/** The cluster of one node: its own sessions are all there is, and there is nobody to signal. */
final class SingleNode implements Cluster {
    private final String nodeId;

    SingleNode(String nodeId) {
        this.nodeId = Cluster.checkNodeId(nodeId);
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void start(Node node) {
    }

    @Override
    public void sessionOpened(String deviceId) {
    }

    @Override
    public void sessionEnded(String deviceId) {
    }

    @Override
    public boolean inSessionElsewhere(String deviceId) {
        return false;
    }

    @Override
    public java.util.Set<String> inSessionElsewhere(java.util.Collection<String> deviceIds) {
        return java.util.Set.of();
    }

    @Override
    public Optional<String> askXmppConnectionRequest(String deviceId) {
        return Optional.empty();
    }

    @Override
    public void connectionRequestAnswered(String deviceId) {
    }

    @Override
    public void taskFinished(long taskId) {
    }

    @Override
    public void close() {
    }
}
