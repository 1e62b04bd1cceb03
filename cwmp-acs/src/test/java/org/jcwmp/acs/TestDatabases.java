package org.jcwmp.acs;

import org.jcwmp.acs.store.Database;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The two stores every store test runs on: the embedded H2 file database and the machine's PostgreSQL
 * (127.0.0.1:5432, database "test", trust auth; override with JCWMP_TEST_PG_URL / JCWMP_TEST_PG_USER).
 * Each PostgreSQL test gets a schema of its own, dropped when the store closes.
 */
final class TestDatabases {
    static final String PG_URL = System.getenv().getOrDefault("JCWMP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getenv().getOrDefault("JCWMP_TEST_PG_USER", "postgres");

    private TestDatabases() {
    }

    /** An open store and what removes it. */
    record TestStore(Database db, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
            drop.run();
        }
    }

    static TestStore open(String kind, Path dir) {
        return switch (kind) {
            case "h2" -> new TestStore(Database.openEmbedded(dir), () -> { });
            case "postgresql" -> postgres();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A fresh schema on PostgreSQL; the test is skipped with a message when no server answers. */
    private static TestStore postgres() {
        String schema = "jcwmp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            sql("create schema " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL is not reachable at " + PG_URL + " (" + e.getMessage()
                    + "); .ci/run starts it, here the PostgreSQL store tests are skipped");
        }
        Database db = Database.open(PG_URL + "?currentSchema=" + schema, PG_USER, "");
        return new TestStore(db, () -> {
            try {
                sql("drop schema if exists " + schema + " cascade");
            } catch (SQLException ignored) {
                // the server went away: nothing left to clean
            }
        });
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
