package org.jcwmp.cpe.session;

import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.DownloadResponse;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.cpe.model.CpeFaultException;

/** What the ACS's methods ask of the device beyond its data model. */
public interface DeviceActions {

    /** Reboot once the current session is over; the next Inform carries M Reboot (with the key) and 1 BOOT. */
    void reboot(String commandKey);

    /** Back to factory defaults once the current session is over; the next Inform carries 0 BOOTSTRAP and 1 BOOT. */
    void factoryReset();

    /** An Inform with 3 SCHEDULED and M ScheduleInform (with the key) in {@code delaySeconds}. */
    void scheduleInform(long delaySeconds, String commandKey);

    /** The transfers accepted and not yet complete, for GetAllQueuedTransfers; none without transfer support. */
    default java.util.List<org.jcwmp.core.rpc.AllQueuedTransferStruct> queuedTransfers() {
        return java.util.List.of();
    }

    /**
     * Accepts a Download to run later (DownloadResponse status 1) or refuses it with a fault. Without transfer
     * support: 9013.
     */
    default DownloadResponse download(Download request) throws CpeFaultException {
        throw new CpeFaultException(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, "file transfers are not supported");
    }
}
