package org.jcwmp.core.rpc;

import java.util.List;

/**
 * A CWMP fault (SOAP Fault with a cwmp:Fault detail). Codes 8000-8899 come from the ACS, 9000-9899 from the CPE.
 * A SetParameterValues fault lists every failing parameter.
 */
public record Fault(int faultCode, String faultString, List<SetParameterValuesFault> setParameterValuesFaults)
        implements CwmpMessage {

    public Fault {
        setParameterValuesFaults = setParameterValuesFaults == null ? List.of() : List.copyOf(setParameterValuesFaults);
    }

    public Fault(FaultCode code) {
        this(code.code(), code.text(), List.of());
    }

    public Fault(FaultCode code, String faultString) {
        this(code.code(), faultString, List.of());
    }

    /** SOAP faultcode: "Client" when the request was at fault, "Server" otherwise. */
    public String soapFaultCode() {
        return FaultCode.isClientFault(faultCode) ? "Client" : "Server";
    }
}
