package org.jcwmp.acs.store;

import java.time.Instant;

/** What a CPE sent to the ACS's upload target (an Upload RPC's file: a configuration backup, a log). */
public record StoredUpload(long id, String deviceId, String name, String fileType, long size, String sha256,
                           Instant created) {
}
