package org.jcwmp.core.soap;

/**
 * A body that cannot be read as CWMP: not XML, not SOAP, a refused DTD or entity, too large, or an unknown method.
 * {@link #unknownMethod()} tells an unknown method (answered with fault 8000 / 9000) from a malformed body (8003 / 9003).
 */
public final class SoapException extends Exception {
    private final boolean unknownMethod;

    public SoapException(String message, boolean unknownMethod) {
        super(message);
        this.unknownMethod = unknownMethod;
    }

    public SoapException(String message, Throwable cause) {
        super(message, cause);
        this.unknownMethod = false;
    }

    public boolean unknownMethod() {
        return unknownMethod;
    }
}
