package org.jcwmp.cpe.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.CwmpResponse;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.GetParameterNames;
import org.jcwmp.core.rpc.GetParameterNamesResponse;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.GetRPCMethods;
import org.jcwmp.core.rpc.GetRPCMethodsResponse;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.core.rpc.SetParameterValuesResponse;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.model.DataModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The methods the CPE answers for the ACS. Each method is a handler registered by request type, so later features
 * add theirs (Download, Reboot, AddObject ...) and GetRPCMethods always lists exactly what is answered.
 */
public final class CpeMethods {
    private static final Logger log = LoggerFactory.getLogger(CpeMethods.class);

    /** Answers one request type. */
    @FunctionalInterface
    public interface Handler<R extends CwmpRequest> {
        CwmpResponse handle(R request) throws CpeFaultException;
    }

    private final Map<Class<? extends CwmpRequest>, Handler<? extends CwmpRequest>> handlers = new LinkedHashMap<>();

    /** GetRPCMethods and the parameter methods on the given model. */
    public CpeMethods(DataModel model) {
        register(GetRPCMethods.class, r -> new GetRPCMethodsResponse(methodNames()));
        register(GetParameterNames.class,
                r -> new GetParameterNamesResponse(model.getParameterNames(r.parameterPath(), r.nextLevel())));
        register(GetParameterValues.class,
                r -> new GetParameterValuesResponse(model.getParameterValues(r.parameterNames())));
        register(SetParameterValues.class, r -> {
            model.setParameterValues(r.parameterList(), r.parameterKey());
            return new SetParameterValuesResponse(0);
        });
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
