package org.jcwmp.cpe.session;

import java.util.List;
import org.jcwmp.core.rpc.AllQueuedTransferStruct;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.ScheduleDownload;
import org.jcwmp.core.rpc.Upload;
import org.jcwmp.cpe.model.CpeFaultException;

/**
 * What the ACS's methods ask of the device beyond its data model. The transfer methods have defaults for a device
 * without transfer support: each refuses truthfully (9013 no transfer protocol, 9021 nothing to cancel).
 */
public interface DeviceActions {

    /** Reboot once the current session is over; the next Inform carries M Reboot (with the key) and 1 BOOT. */
    void reboot(String commandKey);

    /** Back to factory defaults once the current session is over; the next Inform carries 0 BOOTSTRAP and 1 BOOT. */
    void factoryReset();

    /** An Inform with 3 SCHEDULED and M ScheduleInform (with the key) in {@code delaySeconds}. */
    void scheduleInform(long delaySeconds, String commandKey);

    /** The transfers accepted and not yet complete, for GetAllQueuedTransfers. */
    default List<AllQueuedTransferStruct> queuedTransfers() {
        return List.of();
    }

    /** Accepts a Download to run later (DownloadResponse status 1 follows) or refuses it with a fault. */
    default void download(Download request) throws CpeFaultException {
        throw new CpeFaultException(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, "file transfers are not supported");
    }

    /** Accepts an Upload to run later (UploadResponse status 1 follows) or refuses it with a fault. */
    default void upload(Upload request) throws CpeFaultException {
        throw new CpeFaultException(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, "file transfers are not supported");
    }

    /** Accepts a ScheduleDownload to run in its time windows, or refuses it (9003 bad windows). */
    default void scheduleDownload(ScheduleDownload request) throws CpeFaultException {
        throw new CpeFaultException(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, "file transfers are not supported");
    }

    /** Removes the queued, not yet started transfers with this CommandKey; 9021 when there is none or one runs. */
    default void cancelTransfer(String commandKey) throws CpeFaultException {
        throw new CpeFaultException(FaultCode.CANCELATION_NOT_PERMITTED, "no transfer with CommandKey " + commandKey);
    }
}
