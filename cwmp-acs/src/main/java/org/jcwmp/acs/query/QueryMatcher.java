package org.jcwmp.acs.query;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Evaluates a {@link Query} on one device in memory, with the same meaning as {@link SqlQuery}. */
public final class QueryMatcher {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,17}|[0-9]{18}");

    private QueryMatcher() {
    }

    public static boolean matches(Query q, DeviceView d) {
        return switch (q) {
            case Query.All a -> true;
            case Query.And a -> a.parts().stream().allMatch(p -> matches(p, d));
            case Query.Or o -> o.parts().stream().anyMatch(p -> matches(p, d));
            case Query.Not n -> !matches(n.part(), d);
            case Query.Test t -> test(t, d);
        };
    }

    private static boolean test(Query.Test t, DeviceView d) {
        return switch (t.field()) {
            case Field.Column c -> column(c, t, d);
            case Field.Tags tags -> switch (t.op()) {
                case EXISTS -> !d.tags().isEmpty();
                case EQ -> t.values().stream().anyMatch(v -> d.tags().contains(String.valueOf(v)));
                case LIKE -> d.tags().stream().anyMatch(tag -> like(tag, String.valueOf(t.values().getFirst())));
                default -> false;
            };
            case Field.Parameter p -> p.names().stream().map(d.values()::get).filter(Objects::nonNull)
                    .anyMatch(v -> t.op() == Query.Op.EXISTS || value(v, t));
        };
    }

    private static boolean column(Field.Column c, Query.Test t, DeviceView d) {
        Object actual = switch (c.column()) {
            case "id" -> d.device().id();
            case "manufacturer" -> d.device().deviceId().manufacturer();
            case "oui" -> d.device().deviceId().oui();
            case "product_class" -> d.device().deviceId().productClass();
            case "serial_number" -> d.device().deviceId().serialNumber();
            case "last_contact" -> d.device().lastContact();
            case "first_contact" -> d.device().firstContact();
            case "last_boot" -> d.device().lastBoot();
            default -> throw new IllegalStateException(c.column());
        };
        if (t.op() == Query.Op.EXISTS) {
            return actual != null;
        }
        if (actual == null) {
            return false;
        }
        if (t.op() == Query.Op.EQ) {
            return t.values().stream().anyMatch(v -> c.time() ? actual.equals(v) : actual.equals(String.valueOf(v)));
        }
        if (t.op() == Query.Op.LIKE) {
            return like(String.valueOf(actual), String.valueOf(t.values().getFirst()));
        }
        int cmp = c.time() ? ((Instant) actual).compareTo((Instant) t.values().getFirst())
                : ((String) actual).compareTo(String.valueOf(t.values().getFirst()));
        return ordered(cmp, t.op());
    }

    private static boolean value(String actual, Query.Test t) {
        return switch (t.op()) {
            case EQ -> t.values().stream().anyMatch(v -> v instanceof Boolean b
                    ? List.of(b ? "true" : "false", b ? "1" : "0").contains(actual) : actual.equals(String.valueOf(v)));
            case LIKE -> like(actual, String.valueOf(t.values().getFirst()));
            default -> {
                Object v = t.values().getFirst();
                if (v instanceof Long n) {
                    yield INTEGER.matcher(actual).matches() && ordered(Long.compare(Long.parseLong(actual), n), t.op());
                }
                yield ordered(actual.compareTo(String.valueOf(v)), t.op());
            }
        };
    }

    private static boolean ordered(int cmp, Query.Op op) {
        return switch (op) {
            case GT -> cmp > 0;
            case GTE -> cmp >= 0;
            case LT -> cmp < 0;
            case LTE -> cmp <= 0;
            default -> false;
        };
    }

    /** SQL LIKE: % any run, _ any one character. */
    static boolean like(String text, String pattern) {
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '%' -> re.append(".*");
                case '_' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches();
    }
}
