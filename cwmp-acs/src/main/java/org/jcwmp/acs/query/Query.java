package org.jcwmp.acs.query;

import java.util.List;

/**
 * A device query, parsed from GenieACS-style JSON (see {@link QueryParser}). Run in SQL by {@link SqlQuery}
 * (device search) or in memory by {@link QueryMatcher} (preset preconditions); both give the same answer.
 */
public sealed interface Query {
    /** Matches every device. */
    record All() implements Query {
    }

    record And(List<Query> parts) implements Query {
    }

    record Or(List<Query> parts) implements Query {
    }

    /** True where the part is false or cannot be evaluated (a missing parameter, say), as in MongoDB. */
    record Not(Query part) implements Query {
    }

    /**
     * One comparison. values holds one operand, or several for EQ ($in: any of them). Operands are String,
     * Long, Boolean or java.time.Instant (for time columns).
     */
    record Test(Field field, Op op, List<Object> values) implements Query {
    }

    enum Op {
        EQ, GT, GTE, LT, LTE, LIKE, EXISTS
    }
}
