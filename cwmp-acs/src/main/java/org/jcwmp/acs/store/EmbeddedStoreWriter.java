package org.jcwmp.acs.store;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Makes the embedded H2 store durable commit by commit. H2 keeps up to its write delay (500 ms) of commits in memory;
 * its {@code WRITE_DELAY=0} writes each one out, but also stops H2's background thread, which frees the space of old
 * chunks (the file then grew by about 16 KB per Inform session without end), and SQL's {@code CHECKPOINT} writes
 * them out too but empties H2's cache of parsed statements each time (7 % more CPU per session). So the ACS keeps
 * the write delay and stores the changes itself after each commit, through H2's MVStore.
 */
final class EmbeddedStoreWriter {
    private EmbeddedStoreWriter() {
    }

    /** Writes what was committed on this connection (and anything else pending) to the file; nothing when none. */
    static void writeOut(Connection c) throws SQLException {
        JdbcConnection h2 = c.unwrap(JdbcConnection.class);
        if (h2.getSession() instanceof SessionLocal session) {
            MVStore store = session.getDatabase().getStore().getMvStore();
            store.commit();
        }
    }
}
