package org.jcwmp.acs.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The ACS's relational store: a pooled JDBC data source whose schema Flyway keeps current. H2 or PostgreSQL. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final GroupCommit groupCommit;
    private final boolean embedded;

    private Database(HikariDataSource dataSource, boolean embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.groupCommit = new GroupCommit(this);
    }

    /** Opens the database and applies pending migrations. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, false);
    }

    private static Database open(String jdbcUrl, String user, String password, boolean embedded) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 4));
        config.setPoolName("jcwmp-store");
        // A CPE waits 30 s for an answer: better a quick 503 with Retry-After than a timeout while the database is away.
        config.setConnectionTimeout(5_000);
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, embedded);
    }

    /**
     * The embedded default: an H2 file database in the given folder, durable: each commit reaches the file before the
     * call returns, so an ACS killed (SIGKILL) loses nothing it acknowledged.
     */
    public static Database openEmbedded(java.nio.file.Path folder) {
        // Each commit is written out by EmbeddedStoreWriter, not by WRITE_DELAY=0 (see there).
        // QUERY_CACHE_SIZE: the ACS prepares a few dozen different statements on each pooled connection (H2: 8).
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("jcwmp")
                + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128";
        return open(url, "sa", "", true);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs work in a transaction shared with the other callers of this method waiting at the same time, committed once
     * for all of them (group commit), and returns when that commit is durable. Work that throws is rolled back alone
     * (to a savepoint) and throws here; the others are not affected. For short, frequent writes such as Informs.
     */
    public <T> T inGroupCommit(SqlWork<T> work) {
        return groupCommit.run(work);
    }

    /** Whether this is a PostgreSQL database (several ACS nodes may share it). */
    public boolean postgres() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    /**
     * A connection of its own, outside the pool, for work that holds one for long (listening to notifications); the
     * caller closes it.
     */
    public Connection openDedicated() throws SQLException {
        return java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(),
                dataSource.getPassword());
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                commit(c);
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException lost) {
                    e.addSuppressed(lost); // the connection broke: what went wrong first is what counts
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Runs reads on a pooled connection in auto-commit, each statement seeing what was committed before it: no
     * transaction to open, commit or write out, for the lookups each session makes.
     */
    public <T> T read(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Commits; the embedded store has the commit in its file when this returns. */
    void commit(Connection c) throws SQLException {
        c.commit();
        if (embedded) {
            EmbeddedStoreWriter.writeOut(c);
        }
    }

    /** The StoreException for a failed call; when the database is unreachable, the pool is renewed too. */
    StoreException failed(SQLException e) {
        StoreException failed = new StoreException(e);
        if (failed.unavailable()) {
            // The other pooled connections likely broke with this one: replace them rather than hand each out
            // once more to fail (a connection used less than half a second ago is not checked before use).
            dataSource.getHikariPoolMXBean().softEvictConnections();
        }
        return failed;
    }

    @Override
    public void close() {
        groupCommit.close();
        dataSource.close();
    }

    public static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant fromDb(Object value) {
        return switch (value) {
            case null -> null;
            case OffsetDateTime odt -> odt.toInstant();
            case Timestamp ts -> ts.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
