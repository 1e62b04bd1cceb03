package org.jcwmp.acs.campaign;

import java.util.Map;

/** How many of a campaign's devices are in each state; targeted is all of them. */
public record CampaignCounts(long targeted, long pending, long inProgress, long succeeded, long failed,
                             long cancelled) {
    public static final CampaignCounts NONE = new CampaignCounts(0, 0, 0, 0, 0, 0);

    static CampaignCounts of(Map<CampaignDeviceState, Long> byState) {
        long p = byState.getOrDefault(CampaignDeviceState.PENDING, 0L);
        long i = byState.getOrDefault(CampaignDeviceState.IN_PROGRESS, 0L);
        long s = byState.getOrDefault(CampaignDeviceState.SUCCEEDED, 0L);
        long f = byState.getOrDefault(CampaignDeviceState.FAILED, 0L);
        long c = byState.getOrDefault(CampaignDeviceState.CANCELLED, 0L);
        return new CampaignCounts(p + i + s + f + c, p, i, s, f, c);
    }

    /** Devices with an outcome, succeeded or failed. */
    public long finished() {
        return succeeded + failed;
    }

    /** The fraction of finished devices that failed, 0 when none finished. */
    public double failureRate() {
        return finished() == 0 ? 0 : (double) failed / finished();
    }
}
