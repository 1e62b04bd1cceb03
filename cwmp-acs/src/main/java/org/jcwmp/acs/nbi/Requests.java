package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceStore;

/** Small helpers to read NBI requests. */
final class Requests {
    private Requests() {
    }

    static int intParam(Context ctx, String name, int fallback, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > max) {
                throw new IllegalArgumentException("\"" + name + "\" must be between 0 and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + name + "\" must be a number, not \"" + v + "\"");
        }
    }

    /** The body as a JSON object. */
    static JsonNode object(Context ctx, ObjectMapper json, String example) throws JsonProcessingException {
        JsonNode body = ctx.body().isBlank() ? null : json.readTree(ctx.body());
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object like " + example);
        }
        return body;
    }

    static Device device(Context ctx, DeviceStore devices) {
        String id = ctx.pathParam("id");
        return devices.find(id).orElseThrow(() -> new NbiError(404, "no device " + id));
    }

    static boolean flag(Context ctx, String name) {
        return ctx.queryParam(name) != null;
    }
}
