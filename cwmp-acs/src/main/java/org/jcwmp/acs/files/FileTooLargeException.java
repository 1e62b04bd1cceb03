package org.jcwmp.acs.files;

/** A file or upload exceeded the configured size limit; nothing was stored (HTTP 413). */
public final class FileTooLargeException extends RuntimeException {
    private final long limit;

    public FileTooLargeException(long limit) {
        super("the file is larger than the limit of " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
