package org.jcwmp.acs.store;

import java.sql.SQLException;

/** The store could not be read or written. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
