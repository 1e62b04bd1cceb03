package org.jcwmp.acs.campaign;

/** Where one device of a campaign is: not started yet, its Download running, its outcome, or never started. */
public enum CampaignDeviceState {
    PENDING("pending"), IN_PROGRESS("inProgress"), SUCCEEDED("succeeded"), FAILED("failed"),
    CANCELLED("cancelled");

    private final String json;

    CampaignDeviceState(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** The state named as the NBI writes it ("inProgress"), or as the enum does ("IN_PROGRESS"). */
    public static CampaignDeviceState parse(String text) {
        for (CampaignDeviceState s : values()) {
            if (s.json.equalsIgnoreCase(text) || s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("a campaign device state is pending, inProgress, succeeded, failed or "
                + "cancelled, not \"" + text + "\"");
    }
}
