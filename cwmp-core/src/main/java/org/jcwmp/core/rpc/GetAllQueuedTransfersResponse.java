package org.jcwmp.core.rpc;

import java.util.List;

/** The CPE's queued transfers. */
public record GetAllQueuedTransfersResponse(List<AllQueuedTransferStruct> transferList) implements CwmpResponse {
    public GetAllQueuedTransfersResponse {
        transferList = transferList == null ? List.of() : List.copyOf(transferList);
    }
}
