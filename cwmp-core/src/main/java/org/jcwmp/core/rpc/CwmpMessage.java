package org.jcwmp.core.rpc;

/** The body of one CWMP SOAP envelope: a request, a response or a fault. */
public sealed interface CwmpMessage permits CwmpRequest, CwmpResponse, Fault {

    /** The element name in the SOAP body, e.g. "GetParameterValues". */
    default String methodName() {
        return getClass().getSimpleName();
    }
}
