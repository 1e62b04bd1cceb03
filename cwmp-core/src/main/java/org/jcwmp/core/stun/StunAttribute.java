package org.jcwmp.core.stun;

/**
 * One attribute of a STUN message: those of RFC 3489 11.2 and the two TR-111 adds. Anything else is kept as an
 * {@link OtherAttribute} so that a server can name the ones it must refuse (420 Unknown Attribute).
 */
public sealed interface StunAttribute
        permits AddressAttribute, ChangeRequest, Username, Password, MessageIntegrity, ErrorCode, UnknownAttributes,
        ConnectionRequestBinding, BindingChange, OtherAttribute {

    int MAPPED_ADDRESS = 0x0001;
    int RESPONSE_ADDRESS = 0x0002;
    int CHANGE_REQUEST = 0x0003;
    int SOURCE_ADDRESS = 0x0004;
    int CHANGED_ADDRESS = 0x0005;
    int USERNAME = 0x0006;
    int PASSWORD = 0x0007;
    int MESSAGE_INTEGRITY = 0x0008;
    int ERROR_CODE = 0x0009;
    int UNKNOWN_ATTRIBUTES = 0x000A;
    int REFLECTED_FROM = 0x000B;
    /** TR-111 part 2: sent by a CPE on the port it receives UDP connection requests on. */
    int CONNECTION_REQUEST_BINDING = 0xC001;
    /** TR-111 part 2: the CPE's binding moved. */
    int BINDING_CHANGE = 0xC002;

    /** The attribute type on the wire. */
    int type();

    /** RFC 3489: types up to 0x7FFF must be understood, or the request is refused with 420. */
    static boolean comprehensionRequired(int type) {
        return type <= 0x7FFF;
    }
}
