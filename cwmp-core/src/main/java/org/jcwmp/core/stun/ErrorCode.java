package org.jcwmp.core.stun;

import java.util.Objects;

/** ERROR-CODE (RFC 3489 11.2.9): a code from 100 to 699 and a reason phrase for people. */
public record ErrorCode(int code, String reason) implements StunAttribute {
    public static final ErrorCode BAD_REQUEST = new ErrorCode(400, "Bad Request");
    /** The request lacks MESSAGE-INTEGRITY and the server wants it: the client retries with it. */
    public static final ErrorCode UNAUTHORIZED = new ErrorCode(401, "Unauthorized");
    public static final ErrorCode UNKNOWN_ATTRIBUTE = new ErrorCode(420, "Unknown Attribute");
    /** The USERNAME is not one the server knows. */
    public static final ErrorCode STALE_CREDENTIALS = new ErrorCode(430, "Stale Credentials");
    /** MESSAGE-INTEGRITY does not match: a wrong password. */
    public static final ErrorCode INTEGRITY_CHECK_FAILURE = new ErrorCode(431, "Integrity Check Failure");
    /** MESSAGE-INTEGRITY without USERNAME. */
    public static final ErrorCode MISSING_USERNAME = new ErrorCode(432, "Missing Username");
    public static final ErrorCode USE_TLS = new ErrorCode(433, "Use TLS");
    public static final ErrorCode SERVER_ERROR = new ErrorCode(500, "Server Error");
    public static final ErrorCode GLOBAL_FAILURE = new ErrorCode(600, "Global Failure");

    public ErrorCode {
        if (code < 100 || code > 699) {
            throw new IllegalArgumentException("STUN error code " + code + " is not in 100..699");
        }
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int type() {
        return ERROR_CODE;
    }
}
