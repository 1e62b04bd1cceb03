package org.jcwmp.acs.store;

import java.time.Instant;

/**
 * A file in the ACS's file server, for CPEs to download: its name (the last segment of its URL), the TR-069 FileType
 * it is for (e.g. "1 Firmware Upgrade Image"), which devices it fits (OUI, ProductClass; null: any), its version,
 * and its content's size and SHA-256 (lower-case hex, also its ETag).
 */
public record StoredFile(String name, String fileType, String oui, String productClass, String version, long size,
                         String sha256, Instant created) {
}
