package org.jcwmp.acs.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** The store could not be read or written. */
public final class StoreException extends RuntimeException {
    /** What the ACS tells clients to wait before trying again while the database is unreachable. */
    public static final int RETRY_AFTER_SECONDS = 10;

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * True when the database could not be reached (no connection within the pool's timeout, a connection lost):
     * the ACS answers 503 with Retry-After and carries on once it is back. False for anything else (a bug).
     */
    public boolean unavailable() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true; // SQLSTATE class 08: connection exception
            }
        }
        return false;
    }
}
