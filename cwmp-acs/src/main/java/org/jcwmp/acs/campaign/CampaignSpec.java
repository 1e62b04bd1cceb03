package org.jcwmp.acs.campaign;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What POST /campaigns asks for, checked: a name, the device query (the language of GET /devices?query=, as JSON
 * text), the stored file to download (its version from the file's metadata), batchSize devices started per round,
 * at most maxConcurrent in progress, halting when more than failureThreshold (0..1) of the finished devices failed
 * once minSample finished, and whether started devices get a connection request.
 */
public record CampaignSpec(String name, String query, String fileName, String fileVersion, int batchSize,
                           int maxConcurrent, double failureThreshold, int minSample, boolean connectionRequest) {
    public static final int DEFAULT_BATCH_SIZE = 10;
    public static final int DEFAULT_MAX_CONCURRENT = 50;
    public static final double DEFAULT_FAILURE_THRESHOLD = 0.05;
    public static final int DEFAULT_MIN_SAMPLE = 20;

    public static final String EXAMPLE = "{\"name\": \"fw 2.0\", \"query\": {\"_deviceId._ProductClass\": \"Box\"}, "
            + "\"file\": \"box-2.0.bin\", \"batchSize\": 10, \"maxConcurrent\": 50, \"failureThreshold\": 0.05, "
            + "\"minSample\": 20, \"connectionRequest\": true}";

    /**
     * Reads the body of POST /campaigns; the file's version is filled in later from the store.
     *
     * @throws IllegalArgumentException with a message for the caller when a field is missing or out of range
     */
    public static CampaignSpec read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object like " + EXAMPLE);
        }
        String name = text(body, "name");
        if (name.length() > 256) {
            throw new IllegalArgumentException("\"name\" is longer than 256 characters");
        }
        JsonNode q = body.get("query");
        if (q == null || q.isNull() || !(q.isObject() || q.isTextual())) {
            throw new IllegalArgumentException("\"query\" is required: a device query like {\"_tags\": \"pilot\"} "
                    + "({} for every device)");
        }
        String query = q.isTextual() ? q.asText() : q.toString();
        String file = text(body, "file");
        int batchSize = integer(body, "batchSize", DEFAULT_BATCH_SIZE, 1, 10_000);
        int maxConcurrent = integer(body, "maxConcurrent", Math.max(batchSize, DEFAULT_MAX_CONCURRENT), 1, 100_000);
        double threshold = DEFAULT_FAILURE_THRESHOLD;
        JsonNode t = body.get("failureThreshold");
        if (t != null && !t.isNull()) {
            if (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 1) {
                throw new IllegalArgumentException("\"failureThreshold\" is the fraction of finished devices that may "
                        + "fail, a number from 0 to 1 (0.05 for 5%), not " + t);
            }
            threshold = t.asDouble();
        }
        int minSample = integer(body, "minSample", DEFAULT_MIN_SAMPLE, 1, 1_000_000);
        boolean cr = true;
        JsonNode c = body.get("connectionRequest");
        if (c != null && !c.isNull()) {
            if (!c.isBoolean()) {
                throw new IllegalArgumentException("\"connectionRequest\" is true or false, not " + c);
            }
            cr = c.asBoolean();
        }
        return new CampaignSpec(name, query, file, null, batchSize, maxConcurrent, threshold, minSample, cr);
    }

    public CampaignSpec withFileVersion(String version) {
        return new CampaignSpec(name, query, fileName, version, batchSize, maxConcurrent, failureThreshold, minSample,
                connectionRequest);
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" is required, a non-empty string; e.g. " + EXAMPLE);
        }
        return n.asText().strip();
    }

    private static int integer(JsonNode body, String field, int fallback, int min, int max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
            throw new IllegalArgumentException("\"" + field + "\" must be a whole number from " + min + " to " + max
                    + ", not " + n);
        }
        return n.asInt();
    }
}
