package org.jcwmp.core.soap;

/**
 * A body that cannot be read as CWMP: not XML, not SOAP, a refused DTD or entity, too large, or an unknown method.
 * {@link #unknownMethod()} tells an unknown method (answered with fault 8000 / 9000) from a malformed body (8003 / 9003).
 * {@link #id()} and {@link #version()} are the envelope's cwmp:ID and namespace when they could be read before the
 * failure, so that the fault can echo them.
 */
public final class SoapException extends Exception {

    private final boolean unknownMethod;
    private final String id;
    private final CwmpVersion version;

    public SoapException(String message, boolean unknownMethod) {
        this(message, unknownMethod, null, null);
    }

    public SoapException(String message, Throwable cause) {
        this(message, cause, null, null);
    }

    public SoapException(String message, boolean unknownMethod, String id, CwmpVersion version) {
        super(message);
        this.unknownMethod = unknownMethod;
        this.id = id;
        this.version = version;
    }

    public SoapException(String message, Throwable cause, String id, CwmpVersion version) {
        super(message, cause);
        this.unknownMethod = false;
        this.id = id;
        this.version = version;
    }

    public boolean unknownMethod() {
        return unknownMethod;
    }

    /** cwmp:ID of the envelope, or null when it was absent or could not be read. */
    public String id() {
        return id;
    }

    /** The envelope's cwmp namespace, or null when none was seen before the failure. */
    public CwmpVersion version() {
        return version;
    }
}
