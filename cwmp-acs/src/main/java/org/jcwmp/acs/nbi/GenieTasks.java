package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** GenieACS task names that jcwmp spells differently, translated before queueing. */
final class GenieTasks {
    private GenieTasks() {
    }

    static JsonNode translate(JsonNode task) {
        String name = task.path("name").asText("");
        if (name.equals("refreshObject") && task instanceof ObjectNode o) {
            // GenieACS reads a subtree's values with refreshObject {objectName}; that is a GetParameterValues here.
            ObjectNode t = o.deepCopy();
            t.put("name", "getParameterValues");
            t.putArray("parameterNames").add(o.path("objectName").asText(""));
            t.remove("objectName");
            return t;
        }
        if (name.equals("download") && task.has("file") && !task.has("url")) {
            throw new NbiError(501, "downloads of files stored in the ACS need its file server, which is not there "
                    + "yet; give \"url\", \"fileType\" (and \"fileSize\") of a file elsewhere instead");
        }
        return task;
    }
}
