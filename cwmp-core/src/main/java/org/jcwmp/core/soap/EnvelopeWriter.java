package org.jcwmp.core.soap;

import java.util.List;
import org.jcwmp.core.rpc.AddObject;
import org.jcwmp.core.rpc.AddObjectResponse;
import org.jcwmp.core.rpc.AllQueuedTransferStruct;
import org.jcwmp.core.rpc.ArgStruct;
import org.jcwmp.core.rpc.AutonOpResultStruct;
import org.jcwmp.core.rpc.AutonomousDUStateChangeComplete;
import org.jcwmp.core.rpc.AutonomousDUStateChangeCompleteResponse;
import org.jcwmp.core.rpc.AutonomousTransferComplete;
import org.jcwmp.core.rpc.AutonomousTransferCompleteResponse;
import org.jcwmp.core.rpc.CancelTransfer;
import org.jcwmp.core.rpc.CancelTransferResponse;
import org.jcwmp.core.rpc.ChangeDUState;
import org.jcwmp.core.rpc.ChangeDUStateResponse;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.DUStateChangeCompleteResponse;
import org.jcwmp.core.rpc.DeleteObject;
import org.jcwmp.core.rpc.DeleteObjectResponse;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.DownloadResponse;
import org.jcwmp.core.rpc.DuOperation;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.FactoryReset;
import org.jcwmp.core.rpc.FactoryResetResponse;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultStruct;
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
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.rpc.InstallOpStruct;
import org.jcwmp.core.rpc.OpResultStruct;
import org.jcwmp.core.rpc.ParameterAttributeStruct;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.Reboot;
import org.jcwmp.core.rpc.RebootResponse;
import org.jcwmp.core.rpc.RequestDownload;
import org.jcwmp.core.rpc.RequestDownloadResponse;
import org.jcwmp.core.rpc.ScheduleDownload;
import org.jcwmp.core.rpc.ScheduleDownloadResponse;
import org.jcwmp.core.rpc.ScheduleInform;
import org.jcwmp.core.rpc.ScheduleInformResponse;
import org.jcwmp.core.rpc.SetParameterAttributes;
import org.jcwmp.core.rpc.SetParameterAttributesResponse;
import org.jcwmp.core.rpc.SetParameterAttributesStruct;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.core.rpc.SetParameterValuesFault;
import org.jcwmp.core.rpc.SetParameterValuesResponse;
import org.jcwmp.core.rpc.TimeWindowStruct;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.rpc.TransferCompleteResponse;
import org.jcwmp.core.rpc.UninstallOpStruct;
import org.jcwmp.core.rpc.UpdateOpStruct;
import org.jcwmp.core.rpc.Upload;
import org.jcwmp.core.rpc.UploadResponse;

/**
 * Writes one envelope strictly: the prefixes soap-env, soap-enc, xsd, xsi and cwmp, only the method element
 * qualified (the schemas are elementFormDefault="unqualified"), arrays with soap-enc:arrayType, values with
 * xsi:type, the elements of each message in the schema's order. One instance per envelope.
 */
final class EnvelopeWriter {

    private static final String ENVELOPE_OPEN_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<soap-env:Envelope xmlns:soap-env=\"" + Namespaces.SOAP_ENV + "\""
            + " xmlns:soap-enc=\"" + Namespaces.SOAP_ENC + "\""
            + " xmlns:xsd=\"" + Namespaces.XSD + "\""
            + " xmlns:xsi=\"" + Namespaces.XSI + "\""
            + " xmlns:cwmp=\"";
    private static final String MUST_UNDERSTAND = "soap-env:mustUnderstand";

    private final XmlOut out = new XmlOut();

    byte[] write(Envelope envelope) {
        out.raw(ENVELOPE_OPEN_START).raw(envelope.version().namespace()).raw("\">");
        header(envelope);
        out.open("soap-env:Body");
        message(envelope.body());
        out.close("soap-env:Body").close("soap-env:Envelope");
        return out.toBytes();
    }

    private void header(Envelope e) {
        if (e.id() == null && e.holdRequests() == null && e.sessionTimeout() == null
                && e.supportedCwmpVersions() == null && e.useCwmpVersion() == null) {
            return;
        }
        out.open("soap-env:Header");
        if (e.id() != null) {
            out.open("cwmp:ID", MUST_UNDERSTAND, "1").escaped(e.id()).close("cwmp:ID");
        }
        if (e.holdRequests() != null) {
            out.open("cwmp:HoldRequests", MUST_UNDERSTAND, "1").raw(e.holdRequests() ? "1" : "0")
                    .close("cwmp:HoldRequests");
        }
        if (e.sessionTimeout() != null) {
            out.element("cwmp:SessionTimeout", e.sessionTimeout());
        }
        if (e.supportedCwmpVersions() != null) {
            out.element("cwmp:SupportedCWMPVersions", e.supportedCwmpVersions());
        }
        if (e.useCwmpVersion() != null) {
            out.open("cwmp:UseCWMPVersion", MUST_UNDERSTAND, "1").escaped(e.useCwmpVersion())
                    .close("cwmp:UseCWMPVersion");
        }
        out.close("soap-env:Header");
    }

    private void message(CwmpMessage message) {
        if (message instanceof Fault fault) {
            fault(fault);
            return;
        }
        String method = "cwmp:" + message.methodName();
        out.open(method);
        switch (message) {
            case Inform m -> {
                deviceId(m.deviceId());
                out.openArray("Event", "cwmp:EventStruct", m.event().size());
                for (EventStruct ev : m.event()) {
                    out.open("EventStruct").element("EventCode", ev.eventCode()).element("CommandKey", ev.commandKey())
                            .close("EventStruct");
                }
                out.close("Event");
                out.element("MaxEnvelopes", m.maxEnvelopes());
                out.element("CurrentTime", time(m.currentTime()));
                out.element("RetryCount", m.retryCount());
                parameterValues("ParameterList", m.parameterList());
            }
            case InformResponse m -> out.element("MaxEnvelopes", m.maxEnvelopes());
            case GetRPCMethods m -> { }
            case GetRPCMethodsResponse m -> strings("MethodList", m.methodList());
            case SetParameterValues m -> {
                parameterValues("ParameterList", m.parameterList());
                out.element("ParameterKey", m.parameterKey());
            }
            case SetParameterValuesResponse m -> out.element("Status", m.status());
            case GetParameterValues m -> strings("ParameterNames", m.parameterNames());
            case GetParameterValuesResponse m -> parameterValues("ParameterList", m.parameterList());
            case GetParameterNames m -> out.element("ParameterPath", m.parameterPath()).element("NextLevel", m.nextLevel());
            case GetParameterNamesResponse m -> {
                out.openArray("ParameterList", "cwmp:ParameterInfoStruct", m.parameterList().size());
                for (ParameterInfoStruct p : m.parameterList()) {
                    out.open("ParameterInfoStruct").element("Name", p.name()).element("Writable", p.writable())
                            .close("ParameterInfoStruct");
                }
                out.close("ParameterList");
            }
            case SetParameterAttributes m -> {
                out.openArray("ParameterList", "cwmp:SetParameterAttributesStruct", m.parameterList().size());
                for (SetParameterAttributesStruct p : m.parameterList()) {
                    out.open("SetParameterAttributesStruct")
                            .element("Name", p.name())
                            .element("NotificationChange", p.notificationChange())
                            .element("Notification", p.notification())
                            .element("AccessListChange", p.accessListChange());
                    strings("AccessList", p.accessList());
                    out.close("SetParameterAttributesStruct");
                }
                out.close("ParameterList");
            }
            case SetParameterAttributesResponse m -> { }
            case GetParameterAttributes m -> strings("ParameterNames", m.parameterNames());
            case GetParameterAttributesResponse m -> {
                out.openArray("ParameterList", "cwmp:ParameterAttributeStruct", m.parameterList().size());
                for (ParameterAttributeStruct p : m.parameterList()) {
                    out.open("ParameterAttributeStruct").element("Name", p.name())
                            .element("Notification", p.notification());
                    strings("AccessList", p.accessList());
                    out.close("ParameterAttributeStruct");
                }
                out.close("ParameterList");
            }
            case AddObject m -> out.element("ObjectName", m.objectName()).element("ParameterKey", m.parameterKey());
            case AddObjectResponse m -> out.element("InstanceNumber", m.instanceNumber()).element("Status", m.status());
            case DeleteObject m -> out.element("ObjectName", m.objectName()).element("ParameterKey", m.parameterKey());
            case DeleteObjectResponse m -> out.element("Status", m.status());
            case Download m -> out.element("CommandKey", m.commandKey())
                    .element("FileType", m.fileType())
                    .element("URL", m.url())
                    .element("Username", m.username())
                    .element("Password", m.password())
                    .element("FileSize", m.fileSize())
                    .element("TargetFileName", m.targetFileName())
                    .element("DelaySeconds", m.delaySeconds())
                    .element("SuccessURL", m.successUrl())
                    .element("FailureURL", m.failureUrl());
            case DownloadResponse m -> out.element("Status", m.status())
                    .element("StartTime", time(m.startTime()))
                    .element("CompleteTime", time(m.completeTime()));
            case Reboot m -> out.element("CommandKey", m.commandKey());
            case RebootResponse m -> { }
            case ScheduleInform m -> out.element("DelaySeconds", m.delaySeconds()).element("CommandKey", m.commandKey());
            case ScheduleInformResponse m -> { }
            case Upload m -> out.element("CommandKey", m.commandKey())
                    .element("FileType", m.fileType())
                    .element("URL", m.url())
                    .element("Username", m.username())
                    .element("Password", m.password())
                    .element("DelaySeconds", m.delaySeconds());
            case UploadResponse m -> out.element("Status", m.status())
                    .element("StartTime", time(m.startTime()))
                    .element("CompleteTime", time(m.completeTime()));
            case FactoryReset m -> { }
            case FactoryResetResponse m -> { }
            case GetAllQueuedTransfers m -> { }
            case GetAllQueuedTransfersResponse m -> {
                out.openArray("TransferList", "cwmp:AllQueuedTransferStruct", m.transferList().size());
                for (AllQueuedTransferStruct t : m.transferList()) {
                    out.open("AllQueuedTransferStruct")
                            .element("CommandKey", t.commandKey())
                            .element("State", t.state())
                            .element("IsDownload", t.isDownload())
                            .element("FileType", t.fileType())
                            .element("FileSize", t.fileSize())
                            .element("TargetFileName", t.targetFileName())
                            .close("AllQueuedTransferStruct");
                }
                out.close("TransferList");
            }
            case ScheduleDownload m -> {
                out.element("CommandKey", m.commandKey())
                        .element("FileType", m.fileType())
                        .element("URL", m.url())
                        .element("Username", m.username())
                        .element("Password", m.password())
                        .element("FileSize", m.fileSize())
                        .element("TargetFileName", m.targetFileName());
                out.openArray("TimeWindowList", "cwmp:TimeWindowStruct", m.timeWindowList().size());
                for (TimeWindowStruct w : m.timeWindowList()) {
                    out.open("TimeWindowStruct")
                            .element("WindowStart", w.windowStart())
                            .element("WindowEnd", w.windowEnd())
                            .element("WindowMode", w.windowMode())
                            .element("UserMessage", w.userMessage())
                            .element("MaxRetries", w.maxRetries())
                            .close("TimeWindowStruct");
                }
                out.close("TimeWindowList");
            }
            case ScheduleDownloadResponse m -> { }
            case CancelTransfer m -> out.element("CommandKey", m.commandKey());
            case CancelTransferResponse m -> { }
            case ChangeDUState m -> {
                for (DuOperation op : m.operations()) {
                    operation(op);
                }
                out.element("CommandKey", m.commandKey());
            }
            case ChangeDUStateResponse m -> { }
            case TransferComplete m -> {
                out.element("CommandKey", m.commandKey());
                faultStruct("FaultStruct", m.faultStruct());
                out.element("StartTime", time(m.startTime())).element("CompleteTime", time(m.completeTime()));
            }
            case TransferCompleteResponse m -> { }
            case AutonomousTransferComplete m -> {
                out.element("AnnounceURL", m.announceUrl())
                        .element("TransferURL", m.transferUrl())
                        .element("IsDownload", m.isDownload())
                        .element("FileType", m.fileType())
                        .element("FileSize", m.fileSize())
                        .element("TargetFileName", m.targetFileName());
                faultStruct("FaultStruct", m.faultStruct());
                out.element("StartTime", time(m.startTime())).element("CompleteTime", time(m.completeTime()));
            }
            case AutonomousTransferCompleteResponse m -> { }
            case RequestDownload m -> {
                out.element("FileType", m.fileType());
                out.openArray("FileTypeArg", "cwmp:ArgStruct", m.fileTypeArg().size());
                for (ArgStruct a : m.fileTypeArg()) {
                    out.open("ArgStruct").element("Name", a.name()).element("Value", a.value()).close("ArgStruct");
                }
                out.close("FileTypeArg");
            }
            case RequestDownloadResponse m -> { }
            case DUStateChangeComplete m -> {
                // Results as a SOAP array of OpResultStruct, as deployed CPEs and ACSs exchange it
                // (the schema's repeated <Results> elements are read as well)
                out.openArray("Results", "cwmp:OpResultStruct", m.results().size());
                for (OpResultStruct r : m.results()) {
                    out.open("OpResultStruct");
                    opResult(r.uuid(), r.deploymentUnitRef(), r.version(), r.currentState(), r.resolved(),
                            r.executionUnitRefList(), r.startTime(), r.completeTime(), r.fault());
                    out.close("OpResultStruct");
                }
                out.close("Results");
                out.element("CommandKey", m.commandKey());
            }
            case DUStateChangeCompleteResponse m -> { }
            case AutonomousDUStateChangeComplete m -> {
                out.openArray("Results", "cwmp:AutonOpResultStruct", m.results().size());
                for (AutonOpResultStruct r : m.results()) {
                    out.open("AutonOpResultStruct");
                    opResult(r.uuid(), r.deploymentUnitRef(), r.version(), r.currentState(), r.resolved(),
                            r.executionUnitRefList(), r.startTime(), r.completeTime(), r.fault());
                    out.element("OperationPerformed", r.operationPerformed());
                    out.close("AutonOpResultStruct");
                }
                out.close("Results");
            }
            case AutonomousDUStateChangeCompleteResponse m -> { }
            default -> throw new IllegalArgumentException("no SOAP encoding for " + message.getClass().getName());
        }
        out.close(method);
    }

    private void fault(Fault f) {
        out.open("soap-env:Fault")
                .element("faultcode", f.soapFaultCode())
                .element("faultstring", "CWMP fault")
                .open("detail")
                .open("cwmp:Fault")
                .element("FaultCode", f.faultCode())
                .element("FaultString", f.faultString());
        for (SetParameterValuesFault p : f.setParameterValuesFaults()) {
            out.open("SetParameterValuesFault")
                    .element("ParameterName", p.parameterName())
                    .element("FaultCode", p.faultCode())
                    .element("FaultString", p.faultString())
                    .close("SetParameterValuesFault");
        }
        out.close("cwmp:Fault").close("detail").close("soap-env:Fault");
    }

    private void deviceId(DeviceIdStruct d) {
        out.open("DeviceId");
        if (d != null) {
            out.element("Manufacturer", d.manufacturer())
                    .element("OUI", d.oui())
                    .element("ProductClass", d.productClass())
                    .element("SerialNumber", d.serialNumber());
        } else {
            out.element("Manufacturer", "").element("OUI", "").element("ProductClass", "").element("SerialNumber", "");
        }
        out.close("DeviceId");
    }

    private void parameterValues(String name, List<ParameterValueStruct> values) {
        out.openArray(name, "cwmp:ParameterValueStruct", values.size());
        for (ParameterValueStruct p : values) {
            out.open("ParameterValueStruct").element("Name", p.name())
                    .open("Value", "xsi:type", p.type() == null ? "xsd:string" : p.type())
                    .escaped(p.value())
                    .close("Value")
                    .close("ParameterValueStruct");
        }
        out.close(name);
    }

    private void strings(String name, List<String> values) {
        out.openArray(name, "xsd:string", values.size());
        for (String s : values) {
            out.element("string", s);
        }
        out.close(name);
    }

    private void operation(DuOperation op) {
        switch (op) {
            case InstallOpStruct i -> out.open("Operations", "xsi:type", "cwmp:InstallOpStruct")
                    .element("URL", i.url())
                    .optional("UUID", i.uuid())
                    .optional("Username", i.username())
                    .optional("Password", i.password())
                    .optional("ExecutionEnvRef", i.executionEnvRef());
            case UpdateOpStruct u -> out.open("Operations", "xsi:type", "cwmp:UpdateOpStruct")
                    .optional("UUID", u.uuid())
                    .optional("Version", u.version())
                    .optional("URL", u.url())
                    .optional("Username", u.username())
                    .optional("Password", u.password());
            case UninstallOpStruct u -> out.open("Operations", "xsi:type", "cwmp:UninstallOpStruct")
                    .element("UUID", u.uuid())
                    .optional("Version", u.version())
                    .optional("ExecutionEnvRef", u.executionEnvRef());
        }
        out.close("Operations");
    }

    private void opResult(String uuid, String deploymentUnitRef, String version, String currentState, boolean resolved,
                          String executionUnitRefList, String startTime, String completeTime, FaultStruct fault) {
        out.element("UUID", uuid)
                .element("DeploymentUnitRef", deploymentUnitRef)
                .element("Version", version)
                .element("CurrentState", currentState)
                .element("Resolved", resolved)
                .element("ExecutionUnitRefList", executionUnitRefList)
                .element("StartTime", time(startTime))
                .element("CompleteTime", time(completeTime));
        faultStruct("Fault", fault);
    }

    private void faultStruct(String name, FaultStruct f) {
        out.open(name)
                .element("FaultCode", f == null ? 0 : f.faultCode())
                .element("FaultString", f == null ? "" : f.faultString())
                .close(name);
    }

    /** xsd:dateTime may not be empty; an unset time is the "unknown time" of TR-069. */
    private static String time(String t) {
        return t == null || t.isEmpty() ? CwmpDateTime.UNKNOWN : t;
    }
}
