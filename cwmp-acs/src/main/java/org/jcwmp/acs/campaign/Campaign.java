package org.jcwmp.acs.campaign;

import java.time.Instant;

/**
 * A firmware campaign: the stored file every device the query matched gets as a Download, at most maxConcurrent at
 * a time and batchSize per round; halted when more than failureThreshold of the finished devices failed, once
 * minSample of them finished. fileVersion is the file's version metadata (devices already on it need no Download).
 * reason says why it was halted; halted is when.
 */
public record Campaign(long id, String name, String query, String fileName, String fileVersion, int batchSize,
                       int maxConcurrent, double failureThreshold, int minSample, boolean connectionRequest,
                       CampaignStatus status, String reason, String createdBy, Instant created, Instant updated,
                       Instant halted) {
}
