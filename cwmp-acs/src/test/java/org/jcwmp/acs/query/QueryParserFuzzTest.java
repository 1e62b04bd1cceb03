package org.jcwmp.acs.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Hostile NBI device queries (issue 9): the parser refuses a query with IllegalArgumentException (the NBI's 400) or
 * gives one whose SQL is made only of our own words, every value a bound parameter: apart from our own digit
 * literals (the integer test on parameter values) no quote, no semicolon, no comment, nothing from the input. Seeds in src/test/resources/org/jcwmp/acs/query/QueryParserFuzzTestInputs/parse.
 */
class QueryParserFuzzTest {
    private static final QueryParser PARSER = new QueryParser(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
            ZoneOffset.UTC));
    private static final Pattern OUR_SQL = Pattern.compile("[a-z0-9_ .,()=?<>!-]*");
    private static final Pattern DIGIT_LITERAL = Pattern.compile("'[-0-9]*'");

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) {
        Query query;
        try {
            query = PARSER.parseText(new String(input, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            return;
        }
        SqlQuery.Fragment where = SqlQuery.where(query);
        assertThat(DIGIT_LITERAL.matcher(where.sql()).replaceAll("")).matches(OUR_SQL);
        assertThat(where.sql().chars().filter(c -> c == '?').count()).isEqualTo(where.params().size());
    }
}
