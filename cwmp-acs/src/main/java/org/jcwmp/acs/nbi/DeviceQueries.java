package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.jcwmp.acs.query.Field;
import org.jcwmp.acs.query.Query;
import org.jcwmp.acs.query.QueryParser;
import org.jcwmp.acs.query.SqlQuery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a device search from the query string: query (GenieACS JSON), q (free text on id, serial number, product
 * class and tags), sort ({"_lastInform": -1} or "-lastContact,id").
 */
final class DeviceQueries {
    private DeviceQueries() {
    }

    static Query query(Context ctx) {
        Query q = new QueryParser(Clock.systemUTC()).parseText(ctx.queryParam("query"));
        String text = ctx.queryParam("q");
        if (text != null && !text.isBlank()) {
            String like = "%" + text.trim() + "%";
            Query anyOf = new Query.Or(List.of(
                    new Query.Test(Field.of("_id"), Query.Op.LIKE, List.of(like)),
                    new Query.Test(Field.of("_deviceId._SerialNumber"), Query.Op.LIKE, List.of(like)),
                    new Query.Test(Field.of("_deviceId._ProductClass"), Query.Op.LIKE, List.of(like)),
                    new Query.Test(Field.of("_tags"), Query.Op.LIKE, List.of(like))));
            q = q instanceof Query.All ? anyOf : new Query.And(List.of(q, anyOf));
        }
        return q;
    }

    static List<SqlQuery.Sort> sort(Context ctx, ObjectMapper json) {
        String s = ctx.queryParam("sort");
        List<SqlQuery.Sort> out = new ArrayList<>();
        if (s == null || s.isBlank()) {
            return out;
        }
        if (s.trim().startsWith("{")) {
            JsonNode node;
            try {
                node = json.readTree(s);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("sort is not JSON: " + e.getMessage());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(new SqlQuery.Sort(Field.of(e.getKey()), e.getValue().asInt(1) < 0));
            }
        } else {
            for (String part : s.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    boolean desc = p.startsWith("-");
                    out.add(new SqlQuery.Sort(Field.of(desc ? p.substring(1) : p), desc));
                }
            }
        }
        if (out.size() > 4) {
            throw new IllegalArgumentException("sort by at most 4 keys");
        }
        return out;
    }
}
