package org.jcwmp.acs.query;

import org.jcwmp.acs.store.Database;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a {@link Query} into a SQL condition on the device table (alias d), with its parameters in order. Only
 * SQL that both H2 and PostgreSQL accept: EXISTS subqueries, LIKE, TRANSLATE, CASE.
 */
public final class SqlQuery {
    /** A SQL fragment and the values of its ? placeholders (String, Long or OffsetDateTime). */
    public record Fragment(String sql, List<Object> params) {
    }

    /** One sort key; a parameter sorts by its value as text. */
    public record Sort(Field field, boolean descending) {
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    private SqlQuery() {
    }

    public static Fragment where(Query q) {
        SqlQuery s = new SqlQuery();
        s.append(q);
        return new Fragment(s.sql.toString(), Collections.unmodifiableList(s.params));
    }

    /** ORDER BY keys, always ending with d.id so that pages are stable. */
    public static Fragment orderBy(List<Sort> sorts) {
        SqlQuery s = new SqlQuery();
        for (Sort sort : sorts) {
            switch (sort.field()) {
                case Field.Column c -> s.sql.append("d.").append(c.column());
                case Field.Parameter p -> {
                    s.sql.append("(select min(p.param_value) from device_parameter p where p.device_id = d.id and p.name in (")
                            .append(placeholders(p.names().size())).append("))");
                    s.params.addAll(p.names());
                }
                case Field.Tags t -> throw new IllegalArgumentException("devices cannot be sorted by tags");
            }
            s.sql.append(sort.descending() ? " desc, " : " asc, ");
        }
        s.sql.append("d.id");
        return new Fragment(s.sql.toString(), Collections.unmodifiableList(s.params));
    }

    private void append(Query q) {
        switch (q) {
            case Query.All a -> sql.append("1 = 1");
            case Query.And a -> join(a.parts(), " and ");
            case Query.Or o -> join(o.parts(), " or ");
            case Query.Not n -> {
                // A comparison on a missing value is unknown in SQL; MongoDB's $ne/$not count it as a match.
                sql.append("not coalesce((");
                append(n.part());
                sql.append("), false)");
            }
            case Query.Test t -> test(t);
        }
    }

    private void join(List<Query> parts, String op) {
        sql.append('(');
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sql.append(op);
            }
            append(parts.get(i));
        }
        sql.append(')');
    }

    private void test(Query.Test t) {
        switch (t.field()) {
            case Field.Column c -> column(c, t);
            case Field.Tags tags -> {
                sql.append("exists (select 1 from device_tag t where t.device_id = d.id");
                if (t.op() == Query.Op.EQ) {
                    sql.append(" and t.tag in (").append(placeholders(t.values().size())).append(')');
                    t.values().forEach(v -> params.add(String.valueOf(v)));
                } else if (t.op() == Query.Op.LIKE) {
                    sql.append(" and t.tag like ?");
                    params.add(String.valueOf(t.values().getFirst()));
                }
                sql.append(')');
            }
            case Field.Parameter p -> {
                sql.append("exists (select 1 from device_parameter p where p.device_id = d.id and p.name in (")
                        .append(placeholders(p.names().size())).append(')');
                params.addAll(p.names());
                if (t.op() != Query.Op.EXISTS) {
                    sql.append(" and ");
                    parameterValue(t);
                }
                sql.append(')');
            }
        }
    }

    private void column(Field.Column c, Query.Test t) {
        String col = "d." + c.column();
        switch (t.op()) {
            case EXISTS -> sql.append(col).append(" is not null");
            case EQ -> {
                sql.append(col).append(" in (").append(placeholders(t.values().size())).append(')');
                t.values().forEach(v -> params.add(columnValue(c, v)));
            }
            case LIKE -> {
                sql.append(col).append(" like ?");
                params.add(String.valueOf(t.values().getFirst()));
            }
            default -> {
                sql.append(col).append(' ').append(operator(t.op())).append(" ?");
                params.add(columnValue(c, t.values().getFirst()));
            }
        }
    }

    private static Object columnValue(Field.Column c, Object v) {
        if (c.time()) {
            return Database.toDb((Instant) v);
        }
        return String.valueOf(v);
    }

    private void parameterValue(Query.Test t) {
        switch (t.op()) {
            case EQ -> {
                sql.append('(');
                for (int i = 0; i < t.values().size(); i++) {
                    if (i > 0) {
                        sql.append(" or ");
                    }
                    Object v = t.values().get(i);
                    if (v instanceof Boolean b) {
                        // CPEs write xsd:boolean as true/false or 1/0.
                        sql.append("p.param_value in (?, ?)");
                        params.add(b ? "true" : "false");
                        params.add(b ? "1" : "0");
                    } else {
                        sql.append("p.param_value = ?");
                        params.add(String.valueOf(v));
                    }
                }
                sql.append(')');
            }
            case LIKE -> {
                sql.append("p.param_value like ?");
                params.add(String.valueOf(t.values().getFirst()));
            }
            default -> {
                Object v = t.values().getFirst();
                if (v instanceof Long n) {
                    // Compare as numbers only where the stored text is an integer; elsewhere the test is false.
                    // (TRANSLATE maps every digit to 0; H2 does not delete characters with an empty replacement.)
                    sql.append("(case when length(p.param_value) between 1 and 18 ")
                            .append("and translate(substr(p.param_value, 1, 1), '-123456789', '0000000000') = '0' ")
                            .append("and translate(substr(p.param_value, 2), '123456789', '000000000') ")
                            .append("= repeat('0', length(p.param_value) - 1) ")
                            .append("and p.param_value <> '-' ")
                            .append("then cast(p.param_value as bigint) end) ").append(operator(t.op())).append(" ?");
                    params.add(n);
                } else {
                    sql.append("p.param_value ").append(operator(t.op())).append(" ?");
                    params.add(String.valueOf(v));
                }
            }
        }
    }

    private static String operator(Query.Op op) {
        return switch (op) {
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
            default -> throw new IllegalStateException(op.name());
        };
    }

    private static String placeholders(int n) {
        return Collections.nCopies(n, "?").stream().collect(Collectors.joining(", "));
    }
}
