package org.jcwmp.acs.campaign;

/**
 * A campaign's life: running (devices are started), paused by an operator, halted by itself when too many devices
 * failed, completed when every device finished, cancelled by an operator. Devices already started keep going to
 * their outcome in every state.
 */
public enum CampaignStatus {
    RUNNING, PAUSED, HALTED, COMPLETED, CANCELLED;

    public String json() {
        return name().toLowerCase();
    }
}
