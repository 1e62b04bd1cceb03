package org.jcwmp.acs.nbi;

/** Ends an NBI call with this status and {"error": message}. */
public final class NbiError extends RuntimeException {
    private final int status;

    public NbiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
