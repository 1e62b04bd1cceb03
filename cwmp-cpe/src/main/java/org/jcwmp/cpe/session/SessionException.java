package org.jcwmp.cpe.session;

/** A session failed: an HTTP or I/O error, an unexpected answer or an ACS fault. The CPE retries later. */
public final class SessionException extends Exception {
    private final int faultCode;

    public SessionException(String message) {
        this(message, 0, null);
    }

    public SessionException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public SessionException(String message, int faultCode, Throwable cause) {
        super(message, cause);
        this.faultCode = faultCode;
    }

    /** The ACS fault code (e.g. 8005 retry request) when the ACS answered Inform with a fault, else 0. */
    public int faultCode() {
        return faultCode;
    }
}
