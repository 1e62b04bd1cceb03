package org.jcwmp.acs.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the MongoDB-like JSON queries GenieACS's NBI takes, e.g.
 * {"_deviceId._ProductClass": "HomeGateway", "Device.DeviceInfo.SoftwareVersion": {"$ne": "2.0"},
 * "_lastInform": {"$gt": "-5m"}, "_tags": "lab"}.
 * Operators: $eq $ne $gt $gte $lt $lte $in $nin $exists $like (SQL LIKE with % and _), and $and $or $nor.
 * Times: ISO-8601 instants or dates, epoch milliseconds, or relative to now: "-30s", "-5m", "-2h", "-7d".
 */
public final class QueryParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,9})([smhd])");
    private static final int MAX_DEPTH = 8;

    private final Clock clock;

    public QueryParser(Clock clock) {
        this.clock = clock;
    }

    public static Query parse(String json) {
        return new QueryParser(Clock.systemUTC()).parseText(json);
    }

    /** @throws IllegalArgumentException saying what is wrong */
    public Query parseText(String json) {
        if (json == null || json.isBlank()) {
            return new Query.All();
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the query is not JSON: " + e.getMessage());
        }
        return parse(node);
    }

    public Query parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new Query.All();
        }
        return object(node, 0);
    }

    private Query object(JsonNode node, int depth) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a query is a JSON object like {\"_tags\": \"lab\"}, not " + node);
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the query nests deeper than " + MAX_DEPTH + " levels");
        }
        List<Query> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "$and" -> parts.add(new Query.And(list(e.getValue(), depth)));
                case "$or" -> parts.add(new Query.Or(list(e.getValue(), depth)));
                case "$nor" -> parts.add(new Query.Not(new Query.Or(list(e.getValue(), depth))));
                default -> parts.add(field(Field.of(e.getKey()), e.getValue()));
            }
        }
        return parts.isEmpty() ? new Query.All() : parts.size() == 1 ? parts.getFirst() : new Query.And(parts);
    }

    private List<Query> list(JsonNode array, int depth) {
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("$and, $or and $nor take a non-empty array of queries");
        }
        List<Query> out = new ArrayList<>();
        array.forEach(n -> out.add(object(n, depth + 1)));
        return out;
    }

    private Query field(Field field, JsonNode value) {
        boolean operators = value.isObject() && value.size() > 0 && value.fieldNames().next().startsWith("$");
        if (!operators) {
            return test(field, Query.Op.EQ, List.of(operand(field, value)));
        }
        List<Query> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            parts.add(switch (e.getKey()) {
                case "$eq" -> test(field, Query.Op.EQ, List.of(operand(field, v)));
                case "$ne" -> new Query.Not(test(field, Query.Op.EQ, List.of(operand(field, v))));
                case "$gt" -> test(field, Query.Op.GT, List.of(operand(field, v)));
                case "$gte" -> test(field, Query.Op.GTE, List.of(operand(field, v)));
                case "$lt" -> test(field, Query.Op.LT, List.of(operand(field, v)));
                case "$lte" -> test(field, Query.Op.LTE, List.of(operand(field, v)));
                case "$in" -> test(field, Query.Op.EQ, operands(field, v));
                case "$nin" -> new Query.Not(test(field, Query.Op.EQ, operands(field, v)));
                case "$like" -> test(field, Query.Op.LIKE, List.of(v.asText()));
                case "$exists" -> v.asBoolean(true) ? test(field, Query.Op.EXISTS, List.of())
                        : new Query.Not(test(field, Query.Op.EXISTS, List.of()));
                default -> throw new IllegalArgumentException("unknown operator " + e.getKey()
                        + " (known: $eq $ne $gt $gte $lt $lte $in $nin $exists $like)");
            });
        }
        return parts.size() == 1 ? parts.getFirst() : new Query.And(parts);
    }

    private static Query test(Field field, Query.Op op, List<Object> values) {
        if (field instanceof Field.Tags && op != Query.Op.EQ && op != Query.Op.LIKE && op != Query.Op.EXISTS) {
            throw new IllegalArgumentException("tags can be compared with $eq, $ne, $in, $nin, $like and $exists only");
        }
        return new Query.Test(field, op, values);
    }

    private List<Object> operands(Field field, JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("$in and $nin take a non-empty array");
        }
        List<Object> out = new ArrayList<>();
        array.forEach(v -> out.add(operand(field, v)));
        return out;
    }

    private Object operand(Field field, JsonNode v) {
        if (field instanceof Field.Column c && c.time()) {
            return time(v);
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        throw new IllegalArgumentException("compare with a string, number or boolean, not " + v);
    }

    private Instant time(JsonNode v) {
        if (v.isIntegralNumber()) {
            return Instant.ofEpochMilli(v.asLong());
        }
        String t = v.asText().trim();
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        if (t.equals("now")) {
            return clock.instant();
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("a time is an ISO-8601 instant, a date, epoch milliseconds or "
                        + "relative like \"-5m\", not " + v);
            }
        }
    }
}
