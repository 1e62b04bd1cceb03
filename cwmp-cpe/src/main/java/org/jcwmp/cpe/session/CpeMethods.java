package org.jcwmp.cpe.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jcwmp.core.rpc.AddObject;
import org.jcwmp.core.rpc.AddObjectResponse;
import org.jcwmp.core.rpc.CancelTransfer;
import org.jcwmp.core.rpc.CancelTransferResponse;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.CwmpResponse;
import org.jcwmp.core.rpc.DeleteObject;
import org.jcwmp.core.rpc.DeleteObjectResponse;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.DownloadResponse;
import org.jcwmp.core.rpc.FactoryReset;
import org.jcwmp.core.rpc.FactoryResetResponse;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.GetAllQueuedTransfers;
import org.jcwmp.core.rpc.GetAllQueuedTransfersResponse;
import org.jcwmp.core.rpc.GetParameterAttributes;
import org.jcwmp.core.rpc.GetParameterAttributesResponse;
import org.jcwmp.core.rpc.GetParameterNames;
import org.jcwmp.core.rpc.GetParameterNamesResponse;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.GetRPCMethods;
import org.jcwmp.core.rpc.GetRPCMethodsResponse;
import org.jcwmp.core.rpc.Reboot;
import org.jcwmp.core.rpc.RebootResponse;
import org.jcwmp.core.rpc.ScheduleDownload;
import org.jcwmp.core.rpc.ScheduleDownloadResponse;
import org.jcwmp.core.rpc.ScheduleInform;
import org.jcwmp.core.rpc.ScheduleInformResponse;
import org.jcwmp.core.rpc.SetParameterAttributes;
import org.jcwmp.core.rpc.SetParameterAttributesResponse;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.core.rpc.SetParameterValuesResponse;
import org.jcwmp.core.rpc.Upload;
import org.jcwmp.core.rpc.UploadResponse;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.model.DataModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The methods the CPE answers for the ACS. Each method is a handler registered by request type, so later features
 * replace or add theirs (software modules: ChangeDUState) and GetRPCMethods always lists exactly what is answered.
 *
 * <p>The transfer methods are the device's ({@link DeviceActions}): Download, ScheduleDownload and Upload are queued
 * and answered at once (status 1, the TransferComplete follows in a later session), CancelTransfer removes a
 * transfer that has not started (else 9021), GetAllQueuedTransfers lists the queue. ChangeDUState is registered by
 * the agent when the profile has software modules (org.jcwmp.cpe.software); otherwise it is not answered (9000) and
 * not listed.
 */
public final class CpeMethods {
    private static final Logger log = LoggerFactory.getLogger(CpeMethods.class);

    /** Answers one request type. */
    @FunctionalInterface
    public interface Handler<R extends CwmpRequest> {
        CwmpResponse handle(R request) throws CpeFaultException;
    }

    private final Map<Class<? extends CwmpRequest>, Handler<? extends CwmpRequest>> handlers = new LinkedHashMap<>();

    /** Every method TR-069 asks a CPE to answer, on the given model and device. */
    public CpeMethods(DataModel model, DeviceActions device) {
        register(GetRPCMethods.class, r -> new GetRPCMethodsResponse(methodNames()));
        register(GetParameterNames.class,
                r -> new GetParameterNamesResponse(model.getParameterNames(r.parameterPath(), r.nextLevel())));
        register(GetParameterValues.class,
                r -> new GetParameterValuesResponse(model.getParameterValues(r.parameterNames())));
        register(SetParameterValues.class, r -> {
            model.setParameterValues(r.parameterList(), r.parameterKey());
            return new SetParameterValuesResponse(0);
        });
        register(GetParameterAttributes.class,
                r -> new GetParameterAttributesResponse(model.getParameterAttributes(r.parameterNames())));
        register(SetParameterAttributes.class, r -> {
            model.setParameterAttributes(r.parameterList());
            return new SetParameterAttributesResponse();
        });
        register(AddObject.class, r -> new AddObjectResponse(model.addObject(r.objectName(), r.parameterKey()), 0));
        register(DeleteObject.class, r -> {
            model.deleteObject(r.objectName(), r.parameterKey());
            return new DeleteObjectResponse(0);
        });
        register(Reboot.class, r -> {
            device.reboot(r.commandKey() == null ? "" : r.commandKey());
            return new RebootResponse();
        });
        register(FactoryReset.class, r -> {
            device.factoryReset();
            return new FactoryResetResponse();
        });
        register(ScheduleInform.class, r -> {
            if (r.delaySeconds() <= 0) {
                throw new CpeFaultException(FaultCode.CPE_INVALID_ARGUMENTS, "DelaySeconds must be greater than 0");
            }
            device.scheduleInform(r.delaySeconds(), r.commandKey());
            return new ScheduleInformResponse();
        });
        register(Download.class, r -> {
            device.download(r);
            return new DownloadResponse(1, CwmpDateTime.UNKNOWN, CwmpDateTime.UNKNOWN);
        });
        register(ScheduleDownload.class, r -> {
            device.scheduleDownload(r);
            return new ScheduleDownloadResponse();
        });
        register(Upload.class, r -> {
            device.upload(r);
            return new UploadResponse(1, CwmpDateTime.UNKNOWN, CwmpDateTime.UNKNOWN);
        });
        register(CancelTransfer.class, r -> {
            device.cancelTransfer(r.commandKey());
            return new CancelTransferResponse();
        });
        register(GetAllQueuedTransfers.class, r -> new GetAllQueuedTransfersResponse(device.queuedTransfers()));
    }

    public synchronized <R extends CwmpRequest> void register(Class<R> type, Handler<R> handler) {
        handlers.put(type, handler);
    }

    /** The names GetRPCMethods reports. */
    public synchronized List<String> methodNames() {
        List<String> names = new ArrayList<>();
        handlers.keySet().forEach(t -> names.add(t.getSimpleName()));
        return names;
    }

    /** The response, or a Fault: 9000 for a method not answered, 9002 when a handler fails unexpectedly. */
    @SuppressWarnings("unchecked")
    public CwmpMessage answer(CwmpRequest request) {
        Handler<CwmpRequest> handler;
        synchronized (this) {
            handler = (Handler<CwmpRequest>) handlers.get(request.getClass());
        }
        if (handler == null) {
            return new Fault(FaultCode.CPE_METHOD_NOT_SUPPORTED);
        }
        try {
            return handler.handle(request);
        } catch (CpeFaultException e) {
            return e.fault();
        } catch (RuntimeException e) {
            log.error("{} failed", request.methodName(), e);
            return new Fault(FaultCode.CPE_INTERNAL_ERROR);
        }
    }
}
