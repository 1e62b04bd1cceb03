package org.jcwmp.acs.campaign;

import java.time.Instant;

/**
 * One device of a campaign: its state, the Download task the campaign queued for it, the fault it failed with, a
 * note (e.g. "already on 2.0.0"), and when it was started and finished.
 */
public record CampaignDevice(long campaignId, String deviceId, CampaignDeviceState state, Long taskId,
                             Integer faultCode, String faultString, String detail, Instant started, Instant finished) {
}
