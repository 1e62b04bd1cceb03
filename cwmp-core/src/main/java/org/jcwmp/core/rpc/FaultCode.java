package org.jcwmp.core.rpc;

/** The fault codes of TR-069 with their standard texts. */
public enum FaultCode {
    METHOD_NOT_SUPPORTED(8000, "Method not supported"),
    REQUEST_DENIED(8001, "Request denied"),
    INTERNAL_ERROR(8002, "Internal error"),
    INVALID_ARGUMENTS(8003, "Invalid arguments"),
    RESOURCES_EXCEEDED(8004, "Resources exceeded"),
    RETRY_REQUEST(8005, "Retry request"),
    ACS_VERSION_INCOMPATIBLE(8006, "ACS version incompatible"),

    CPE_METHOD_NOT_SUPPORTED(9000, "Method not supported"),
    CPE_REQUEST_DENIED(9001, "Request denied"),
    CPE_INTERNAL_ERROR(9002, "Internal error"),
    CPE_INVALID_ARGUMENTS(9003, "Invalid arguments"),
    CPE_RESOURCES_EXCEEDED(9004, "Resources exceeded"),
    INVALID_PARAMETER_NAME(9005, "Invalid parameter name"),
    INVALID_PARAMETER_TYPE(9006, "Invalid parameter type"),
    INVALID_PARAMETER_VALUE(9007, "Invalid parameter value"),
    NON_WRITABLE_PARAMETER(9008, "Attempt to set a non-writable parameter"),
    NOTIFICATION_REQUEST_REJECTED(9009, "Notification request rejected"),
    DOWNLOAD_FAILURE(9010, "File transfer failure"),
    UPLOAD_FAILURE(9011, "Upload failure"),
    TRANSFER_AUTHENTICATION_FAILURE(9012, "File transfer server authentication failure"),
    UNSUPPORTED_TRANSFER_PROTOCOL(9013, "Unsupported protocol for file transfer"),
    MULTICAST_JOIN_FAILURE(9014, "File transfer failure: unable to join multicast group"),
    FILE_SERVER_NOT_FOUND(9015, "File transfer failure: unable to contact file server"),
    FILE_ACCESS_FAILURE(9016, "File transfer failure: unable to access file"),
    DOWNLOAD_INCOMPLETE(9017, "File transfer failure: unable to complete download"),
    FILE_CORRUPTED(9018, "File transfer failure: file corrupted or otherwise unusable"),
    FILE_AUTHENTICATION_FAILURE(9019, "File transfer failure: file authentication failure"),
    DOWNLOAD_WINDOW_FAILURE(9020, "File transfer failure: unable to complete download within specified time windows"),
    CANCELATION_NOT_PERMITTED(9021, "Cancelation of file transfer not permitted in current transfer state"),
    INVALID_UUID_FORMAT(9022, "Invalid UUID format"),
    UNKNOWN_EXECUTION_ENVIRONMENT(9023, "Unknown Execution Environment"),
    DISABLED_EXECUTION_ENVIRONMENT(9024, "Disabled Execution Environment"),
    DEPLOYMENT_UNIT_EE_MISMATCH(9025, "Deployment Unit to Execution Environment Mismatch"),
    DUPLICATE_DEPLOYMENT_UNIT(9026, "Duplicate Deployment Unit"),
    SYSTEM_RESOURCES_EXCEEDED(9027, "System Resources Exceeded"),
    UNKNOWN_DEPLOYMENT_UNIT(9028, "Unknown Deployment Unit"),
    INVALID_DEPLOYMENT_UNIT_STATE(9029, "Invalid Deployment Unit State"),
    INVALID_DU_UPDATE_DOWNGRADE(9030, "Invalid Deployment Unit Update: Downgrade not permitted"),
    INVALID_DU_UPDATE_UNSPECIFIED_VERSION(9031, "Invalid Deployment Unit Update: Version not specified"),
    INVALID_DU_UPDATE_VERSION_EXISTS(9032, "Invalid Deployment Unit Update: Version already exists");

    private final int code;
    private final String text;

    FaultCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** Faults caused by the request rather than by the answering side's state. */
    static boolean isClientFault(int code) {
        return switch (code) {
            case 8000, 8003, 8006, 9000, 9003, 9005, 9006, 9007, 9008, 9009, 9022, 9026, 9028, 9030, 9031, 9032 -> true;
            default -> false;
        };
    }
}
