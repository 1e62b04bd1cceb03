package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcwmp.acs.files.FileServer;
import org.jcwmp.acs.store.StoredFile;

/** GenieACS task names that jcwmp spells differently, translated before queueing. */
final class GenieTasks {
    private final FileServer files;

    /** files: the ACS's file server, for downloads of stored files; null when it runs none. */
    GenieTasks(FileServer files) {
        this.files = files;
    }

    JsonNode translate(JsonNode task) {
        String name = task.path("name").asText("");
        if (name.equals("refreshObject") && task instanceof ObjectNode o) {
            // GenieACS reads a subtree's values with refreshObject {objectName}; that is a GetParameterValues here.
            ObjectNode t = o.deepCopy();
            t.put("name", "getParameterValues");
            t.putArray("parameterNames").add(o.path("objectName").asText(""));
            t.remove("objectName");
            return t;
        }
        if (name.equals("download") && task.has("file") && !task.has("url") && task instanceof ObjectNode o) {
            if (files == null) {
                throw new NbiError(501, "downloads of files stored in the ACS need its file server, which this ACS "
                        + "does not run; give \"url\", \"fileType\" (and \"fileSize\") of a file elsewhere instead");
            }
            // GenieACS's download {file, fileName}: the stored file's URL, FileType and size.
            String fileName = o.path("file").asText("");
            StoredFile f = files.repository().file(fileName)
                    .orElseThrow(() -> new NbiError(404, "no file \"" + fileName + "\" in the file server"));
            ObjectNode t = o.deepCopy();
            t.remove("file");
            t.put("url", files.downloadUrl(f.name())); // signed: the CPE needs no credentials for it
            if (!t.has("fileType")) {
                if (f.fileType() == null) {
                    throw new IllegalArgumentException("the file \"" + f.name() + "\" has no fileType; give one");
                }
                t.put("fileType", f.fileType());
            }
            t.put("fileSize", f.size());
            if (!t.has("targetFileName")) {
                t.put("targetFileName", o.path("fileName").asText(f.name()));
            }
            t.remove("fileName");
            return t;
        }
        return task;
    }

    /**
     * A task as one device gets it: an "upload" without "url" goes to the file server's upload target for this device
     * (a signed URL, so the CPE needs no credentials), named by "fileName" or after its FileType.
     */
    JsonNode forDevice(String deviceId, JsonNode task) {
        if (files == null || !task.path("name").asText("").equals("upload") || task.has("url")
                || !(task instanceof ObjectNode o)) {
            return task;
        }
        String fileType = o.path("fileType").asText("");
        String name = o.path("fileName").asText("");
        if (name.isEmpty()) {
            String kind = fileType.replaceFirst("^[0-9X]+ ", "").toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            name = kind.isEmpty() ? "upload" : kind;
        }
        ObjectNode t = o.deepCopy();
        t.remove("fileName");
        t.put("url", files.signedUploadUrl(deviceId, name, fileType.isEmpty() ? null : fileType));
        return t;
    }
}
