package org.jcwmp.cpe.model;

import java.util.List;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.SetParameterValuesFault;

/** A CPE method failed; {@link #fault()} is the answer to send to the ACS. */
public final class CpeFaultException extends Exception {
    private final transient Fault fault;

    public CpeFaultException(Fault fault) {
        super(fault.faultCode() + " " + fault.faultString(), null, false, false);
        this.fault = fault;
    }

    public CpeFaultException(FaultCode code, String detail) {
        this(new Fault(code.code(), detail == null ? code.text() : code.text() + ": " + detail, List.of()));
    }

    /** 9003 listing every failing parameter of a SetParameterValues. */
    static CpeFaultException setParameterValues(List<SetParameterValuesFault> faults) {
        FaultCode c = FaultCode.CPE_INVALID_ARGUMENTS;
        return new CpeFaultException(new Fault(c.code(), c.text(), faults));
    }

    public Fault fault() {
        return fault;
    }
}
