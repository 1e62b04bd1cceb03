package org.jcwmp.core.soap;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
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
 * Reads one envelope leniently, as real CPEs and ACSs send them: any prefixes, children with or without a
 * namespace, elements in any order, unknown elements skipped, missing elements defaulted (empty string, 0, empty
 * list, unknown time), soap-enc:arrayType and xsi:type optional. Names, numbers, booleans and identifiers are
 * trimmed; opaque strings (parameter values of string type, keys, credentials, fault texts) are kept as sent.
 * One instance per envelope.
 */
final class EnvelopeReader {

    private static final FaultStruct NO_FAULT = new FaultStruct(0, "");

    private final XmlIn in;

    private String id;
    private Boolean holdRequests;
    private Integer sessionTimeout;
    private String supportedCwmpVersions;
    private String useCwmpVersion;
    /** The namespace of the cwmp elements seen so far. */
    private CwmpVersion version;
    /** The namespace bound to the "cwmp" prefix on the Envelope, used when no element is cwmp-qualified. */
    private CwmpVersion declaredVersion;

    EnvelopeReader(XMLStreamReader reader) {
        this.in = new XmlIn(reader);
    }

    Envelope read() throws SoapException {
        try {
            if (!in.root()) {
                throw fail("not XML: no root element");
            }
            if (!"Envelope".equals(in.name()) || !Namespaces.isSoapEnvelope(in.namespace())) {
                throw fail("not a SOAP Envelope: " + in.name());
            }
            declaredVersion = Namespaces.cwmpVersion(in.namespaceContext().getNamespaceURI("cwmp"));
            CwmpMessage body = null;
            boolean bodySeen = false;
            while (in.nextChild()) {
                switch (in.name()) {
                    case "Header" -> header();
                    case "Body" -> {
                        bodySeen = true;
                        body = body();
                    }
                    default -> in.skip();
                }
            }
            if (!bodySeen) {
                throw fail("SOAP Envelope without Body");
            }
            in.finish();
            return new Envelope(version(), id, holdRequests, sessionTimeout, supportedCwmpVersions, useCwmpVersion,
                    body);
        } catch (XMLStreamException e) {
            throw new SoapException("not well-formed or refused XML: " + e.getMessage(), e, id, version());
        }
    }

    private CwmpVersion version() {
        return version != null ? version : declaredVersion;
    }

    private SoapException fail(String message) {
        return new SoapException(message, false, id, version());
    }

    private void noteNamespace(String uri) {
        CwmpVersion v = Namespaces.cwmpVersion(uri);
        if (v != null) {
            version = v;
        }
    }

    // ---- envelope

    private void header() throws XMLStreamException, SoapException {
        while (in.nextChild()) {
            String namespace = in.namespace();
            switch (in.name()) {
                case "ID" -> id = in.token();
                case "HoldRequests" -> holdRequests = bool();
                case "SessionTimeout" -> sessionTimeout = integer();
                case "SupportedCWMPVersions" -> supportedCwmpVersions = in.token();
                case "UseCWMPVersion" -> useCwmpVersion = in.token();
                default -> {
                    in.skip(); // headers of other protocols
                    continue;
                }
            }
            if (version == null) {
                noteNamespace(namespace);
            }
        }
    }

    /** The first element of the Body is the message; anything after it is skipped. */
    private CwmpMessage body() throws XMLStreamException, SoapException {
        CwmpMessage message = null;
        while (in.nextChild()) {
            if (message == null) {
                message = method();
            } else {
                in.skip();
            }
        }
        if (message == null) {
            throw fail("empty SOAP Body");
        }
        return message;
    }

    private CwmpMessage method() throws XMLStreamException, SoapException {
        String name = in.name();
        if ("Fault".equals(name) && Namespaces.cwmpVersion(in.namespace()) == null) {
            return soapFault(); // SOAP-ENV:Fault, or a Fault some CPE left unqualified
        }
        noteNamespace(in.namespace());
        return switch (name) {
            case "Inform" -> inform();
            case "InformResponse" -> new InformResponse(intFields("MaxEnvelopes", 1));
            case "GetRPCMethods" -> empty(new GetRPCMethods());
            case "GetRPCMethodsResponse" -> new GetRPCMethodsResponse(stringListField("MethodList"));
            case "SetParameterValues" -> setParameterValues();
            case "SetParameterValuesResponse" -> new SetParameterValuesResponse(intFields("Status", 0));
            case "GetParameterValues" -> new GetParameterValues(stringListField("ParameterNames"));
            case "GetParameterValuesResponse" -> new GetParameterValuesResponse(parameterValueListField());
            case "GetParameterNames" -> getParameterNames();
            case "GetParameterNamesResponse" -> getParameterNamesResponse();
            case "SetParameterAttributes" -> setParameterAttributes();
            case "SetParameterAttributesResponse" -> empty(new SetParameterAttributesResponse());
            case "GetParameterAttributes" -> new GetParameterAttributes(stringListField("ParameterNames"));
            case "GetParameterAttributesResponse" -> getParameterAttributesResponse();
            case "AddObject" -> addObject();
            case "AddObjectResponse" -> addObjectResponse();
            case "DeleteObject" -> deleteObject();
            case "DeleteObjectResponse" -> new DeleteObjectResponse(intFields("Status", 0));
            case "Download" -> download();
            case "DownloadResponse" -> downloadResponse(false);
            case "Reboot" -> new Reboot(commandKeyField());
            case "RebootResponse" -> empty(new RebootResponse());
            case "ScheduleInform" -> scheduleInform();
            case "ScheduleInformResponse" -> empty(new ScheduleInformResponse());
            case "Upload" -> upload();
            case "UploadResponse" -> downloadResponse(true);
            case "FactoryReset" -> empty(new FactoryReset());
            case "FactoryResetResponse" -> empty(new FactoryResetResponse());
            case "GetAllQueuedTransfers" -> empty(new GetAllQueuedTransfers());
            case "GetAllQueuedTransfersResponse" -> getAllQueuedTransfersResponse();
            case "ScheduleDownload" -> scheduleDownload();
            case "ScheduleDownloadResponse" -> empty(new ScheduleDownloadResponse());
            case "CancelTransfer" -> new CancelTransfer(commandKeyField());
            case "CancelTransferResponse" -> empty(new CancelTransferResponse());
            case "ChangeDUState" -> changeDuState();
            case "ChangeDUStateResponse" -> empty(new ChangeDUStateResponse());
            case "TransferComplete" -> transferComplete();
            case "TransferCompleteResponse" -> empty(new TransferCompleteResponse());
            case "AutonomousTransferComplete" -> autonomousTransferComplete();
            case "AutonomousTransferCompleteResponse" -> empty(new AutonomousTransferCompleteResponse());
            case "RequestDownload" -> requestDownload();
            case "RequestDownloadResponse" -> empty(new RequestDownloadResponse());
            case "DUStateChangeComplete" -> duStateChangeComplete();
            case "DUStateChangeCompleteResponse" -> empty(new DUStateChangeCompleteResponse());
            case "AutonomousDUStateChangeComplete" -> autonomousDuStateChangeComplete();
            case "AutonomousDUStateChangeCompleteResponse" -> empty(new AutonomousDUStateChangeCompleteResponse());
            case "Fault" -> cwmpFault(); // a cwmp:Fault without the SOAP Fault around it
            default -> throw new SoapException("unknown method " + name, true, id, version());
        };
    }

    // ---- faults

    private Fault soapFault() throws XMLStreamException, SoapException {
        String faultString = "";
        Fault detail = null;
        while (in.nextChild()) {
            switch (in.name()) {
                case "faultstring" -> faultString = in.text();
                case "detail", "Detail" -> {
                    while (in.nextChild()) {
                        if (detail == null && "Fault".equals(in.name())) {
                            noteNamespace(in.namespace());
                            detail = cwmpFault();
                        } else {
                            in.skip();
                        }
                    }
                }
                default -> in.skip();
            }
        }
        // a SOAP fault without cwmp detail keeps its text; code 0 says that no CWMP fault code was given
        return detail != null ? detail : new Fault(0, faultString, List.of());
    }

    private Fault cwmpFault() throws XMLStreamException, SoapException {
        int code = 0;
        String faultString = "";
        List<SetParameterValuesFault> parameters = new ArrayList<>();
        while (in.nextChild()) {
            switch (in.name()) {
                case "FaultCode" -> code = integer();
                case "FaultString" -> faultString = in.text();
                case "SetParameterValuesFault" -> {
                    String parameterName = "";
                    int parameterCode = 0;
                    String parameterFaultString = "";
                    while (in.nextChild()) {
                        switch (in.name()) {
                            case "ParameterName" -> parameterName = in.token();
                            case "FaultCode" -> parameterCode = integer();
                            case "FaultString" -> parameterFaultString = in.text();
                            default -> in.skip();
                        }
                    }
                    parameters.add(new SetParameterValuesFault(parameterName, parameterCode, parameterFaultString));
                }
                default -> in.skip();
            }
        }
        return new Fault(code, faultString, parameters);
    }

    /** FaultStruct of TransferComplete and Fault of OpResultStruct. */
    private FaultStruct faultStruct() throws XMLStreamException, SoapException {
        int code = 0;
        String faultString = "";
        while (in.nextChild()) {
            switch (in.name()) {
                case "FaultCode" -> code = integer();
                case "FaultString" -> faultString = in.text();
                default -> in.skip();
            }
        }
        return new FaultStruct(code, faultString);
    }

    // ---- messages

    private <T extends CwmpMessage> T empty(T message) throws XMLStreamException {
        in.skip();
        return message;
    }

    private Inform inform() throws XMLStreamException, SoapException {
        DeviceIdStruct deviceId = new DeviceIdStruct("", "", "", "");
        List<EventStruct> events = List.of();
        int maxEnvelopes = 1;
        String currentTime = CwmpDateTime.UNKNOWN;
        int retryCount = 0;
        List<ParameterValueStruct> parameters = List.of();
        while (in.nextChild()) {
            switch (in.name()) {
                case "DeviceId" -> deviceId = deviceId();
                case "Event" -> {
                    List<EventStruct> list = new ArrayList<>();
                    while (in.nextChild()) {
                        list.add(eventStruct());
                    }
                    events = list;
                }
                case "MaxEnvelopes" -> maxEnvelopes = integer();
                case "CurrentTime" -> currentTime = in.token();
                case "RetryCount" -> retryCount = integer();
                case "ParameterList" -> parameters = parameterValueList();
                default -> in.skip();
            }
        }
        return new Inform(deviceId, events, maxEnvelopes, currentTime, retryCount, parameters);
    }

    private DeviceIdStruct deviceId() throws XMLStreamException {
        String manufacturer = "";
        String oui = "";
        String productClass = "";
        String serialNumber = "";
        while (in.nextChild()) {
            switch (in.name()) {
                case "Manufacturer" -> manufacturer = in.token();
                case "OUI" -> oui = in.token();
                case "ProductClass" -> productClass = in.token();
                case "SerialNumber" -> serialNumber = in.token();
                default -> in.skip();
            }
        }
        return new DeviceIdStruct(manufacturer, oui, productClass, serialNumber);
    }

    private EventStruct eventStruct() throws XMLStreamException {
        String eventCode = "";
        String commandKey = "";
        while (in.nextChild()) {
            switch (in.name()) {
                case "EventCode" -> eventCode = in.token();
                case "CommandKey" -> commandKey = in.text();
                default -> in.skip();
            }
        }
        return new EventStruct(eventCode, commandKey);
    }

    private SetParameterValues setParameterValues() throws XMLStreamException {
        List<ParameterValueStruct> parameters = List.of();
        String parameterKey = "";
        while (in.nextChild()) {
            switch (in.name()) {
                case "ParameterList" -> parameters = parameterValueList();
                case "ParameterKey" -> parameterKey = in.text();
                default -> in.skip();
            }
        }
        return new SetParameterValues(parameters, parameterKey);
    }

    private GetParameterNames getParameterNames() throws XMLStreamException, SoapException {
        String path = "";
        boolean nextLevel = false;
        while (in.nextChild()) {
            switch (in.name()) {
                case "ParameterPath" -> path = in.token();
                case "NextLevel" -> nextLevel = bool();
                default -> in.skip();
            }
        }
        return new GetParameterNames(path, nextLevel);
    }

    private GetParameterNamesResponse getParameterNamesResponse() throws XMLStreamException, SoapException {
        List<ParameterInfoStruct> list = new ArrayList<>();
        while (in.nextChild()) {
            if (!"ParameterList".equals(in.name())) {
                in.skip();
                continue;
            }
            while (in.nextChild()) {
                String name = "";
                boolean writable = false;
                while (in.nextChild()) {
                    switch (in.name()) {
                        case "Name" -> name = in.token();
                        case "Writable" -> writable = bool();
                        default -> in.skip();
                    }
                }
                list.add(new ParameterInfoStruct(name, writable));
            }
        }
        return new GetParameterNamesResponse(list);
    }

    private SetParameterAttributes setParameterAttributes() throws XMLStreamException, SoapException {
        List<SetParameterAttributesStruct> list = new ArrayList<>();
        while (in.nextChild()) {
            if (!"ParameterList".equals(in.name())) {
                in.skip();
                continue;
            }
            while (in.nextChild()) {
                String name = "";
                boolean notificationChange = false;
                int notification = 0;
                boolean accessListChange = false;
                List<String> accessList = List.of();
                while (in.nextChild()) {
                    switch (in.name()) {
                        case "Name" -> name = in.token();
                        case "NotificationChange" -> notificationChange = bool();
                        case "Notification" -> notification = integer();
                        case "AccessListChange" -> accessListChange = bool();
                        case "AccessList" -> accessList = stringList();
                        default -> in.skip();
                    }
                }
                list.add(new SetParameterAttributesStruct(name, notificationChange, notification, accessListChange,
                        accessList));
            }
        }
        return new SetParameterAttributes(list);
    }

    private GetParameterAttributesResponse getParameterAttributesResponse() throws XMLStreamException, SoapException {
        List<ParameterAttributeStruct> list = new ArrayList<>();
        while (in.nextChild()) {
            if (!"ParameterList".equals(in.name())) {
                in.skip();
                continue;
            }
            while (in.nextChild()) {
                String name = "";
                int notification = 0;
                List<String> accessList = List.of();
                while (in.nextChild()) {
                    switch (in.name()) {
                        case "Name" -> name = in.token();
                        case "Notification" -> notification = integer();
                        case "AccessList" -> accessList = stringList();
                        default -> in.skip();
                    }
                }
                list.add(new ParameterAttributeStruct(name, notification, accessList));
            }
        }
        return new GetParameterAttributesResponse(list);
    }

    private AddObject addObject() throws XMLStreamException {
        String objectName = "";
        String parameterKey = "";
        while (in.nextChild()) {
            switch (in.name()) {
                case "ObjectName" -> objectName = in.token();
                case "ParameterKey" -> parameterKey = in.text();
                default -> in.skip();
            }
        }
        return new AddObject(objectName, parameterKey);
    }

    private AddObjectResponse addObjectResponse() throws XMLStreamException, SoapException {
        long instanceNumber = 0;
        int status = 0;
        while (in.nextChild()) {
            switch (in.name()) {
                case "InstanceNumber" -> instanceNumber = longValue();
                case "Status" -> status = integer();
                default -> in.skip();
            }
        }
        return new AddObjectResponse(instanceNumber, status);
    }

    private DeleteObject deleteObject() throws XMLStreamException {
        String objectName = "";
        String parameterKey = "";
        while (in.nextChild()) {
            switch (in.name()) {
                case "ObjectName" -> objectName = in.token();
                case "ParameterKey" -> parameterKey = in.text();
                default -> in.skip();
            }
        }
        return new DeleteObject(objectName, parameterKey);
    }

    private Download download() throws XMLStreamException, SoapException {
        String commandKey = "";
        String fileType = "";
        String url = "";
        String username = "";
        String password = "";
        long fileSize = 0;
        String targetFileName = "";
        long delaySeconds = 0;
        String successUrl = "";
        String failureUrl = "";
        while (in.nextChild()) {
            switch (in.name()) {
                case "CommandKey" -> commandKey = in.text();
                case "FileType" -> fileType = in.token();
                case "URL" -> url = in.token();
                case "Username" -> username = in.text();
                case "Password" -> password = in.text();
                case "FileSize" -> fileSize = longValue();
                case "TargetFileName" -> targetFileName = in.text();
                case "DelaySeconds" -> delaySeconds = longValue();
                case "SuccessURL" -> successUrl = in.token();
                case "FailureURL" -> failureUrl = in.token();
                default -> in.skip();
            }
        }
        return new Download(commandKey, fileType, url, username, password, fileSize, targetFileName, delaySeconds,
                successUrl, failureUrl);
    }

    /** DownloadResponse and UploadResponse have the same fields. */
    private CwmpMessage downloadResponse(boolean upload) throws XMLStreamException, SoapException {
        int status = 0;
        String startTime = CwmpDateTime.UNKNOWN;
        String completeTime = CwmpDateTime.UNKNOWN;
        while (in.nextChild()) {
            switch (in.name()) {
                case "Status" -> status = integer();
                case "StartTime" -> startTime = in.token();
                case "CompleteTime" -> completeTime = in.token();
                default -> in.skip();
            }
        }
        return upload ? new UploadResponse(status, startTime, completeTime)
                : new DownloadResponse(status, startTime, completeTime);
    }

    private ScheduleInform scheduleInform() throws XMLStreamException, SoapException {
        long delaySeconds = 0;
        String commandKey = "";
        while (in.nextChild()) {
            switch (in.name()) {
                case "DelaySeconds" -> delaySeconds = longValue();
                case "CommandKey" -> commandKey = in.text();
                default -> in.skip();
            }
        }
        return new ScheduleInform(delaySeconds, commandKey);
    }

    private Upload upload() throws XMLStreamException, SoapException {
        String commandKey = "";
        String fileType = "";
        String url = "";
        String username = "";
        String password = "";
        long delaySeconds = 0;
        while (in.nextChild()) {
            switch (in.name()) {
                case "CommandKey" -> commandKey = in.text();
                case "FileType" -> fileType = in.token();
                case "URL" -> url = in.token();
                case "Username" -> username = in.text();
                case "Password" -> password = in.text();
                case "DelaySeconds" -> delaySeconds = longValue();
                default -> in.skip();
            }
        }
        return new Upload(commandKey, fileType, url, username, password, delaySeconds);
    }

    private GetAllQueuedTransfersResponse getAllQueuedTransfersResponse() throws XMLStreamException, SoapException {
        List<AllQueuedTransferStruct> list = new ArrayList<>();
        while (in.nextChild()) {
            if (!"TransferList".equals(in.name())) {
                in.skip();
                continue;
            }
            while (in.nextChild()) {
                String commandKey = "";
                int state = 0;
                boolean isDownload = false;
                String fileType = "";
                long fileSize = 0;
                String targetFileName = "";
                while (in.nextChild()) {
                    switch (in.name()) {
                        case "CommandKey" -> commandKey = in.text();
                        case "State" -> state = integer();
                        case "IsDownload" -> isDownload = bool();
                        case "FileType" -> fileType = in.token();
                        case "FileSize" -> fileSize = longValue();
                        case "TargetFileName" -> targetFileName = in.text();
                        default -> in.skip();
                    }
                }
                list.add(new AllQueuedTransferStruct(commandKey, state, isDownload, fileType, fileSize, targetFileName));
            }
        }
        return new GetAllQueuedTransfersResponse(list);
    }

    private ScheduleDownload scheduleDownload() throws XMLStreamException, SoapException {
        String commandKey = "";
        String fileType = "";
        String url = "";
        String username = "";
        String password = "";
        long fileSize = 0;
        String targetFileName = "";
        List<TimeWindowStruct> windows = new ArrayList<>();
        while (in.nextChild()) {
            switch (in.name()) {
                case "CommandKey" -> commandKey = in.text();
                case "FileType" -> fileType = in.token();
                case "URL" -> url = in.token();
                case "Username" -> username = in.text();
                case "Password" -> password = in.text();
                case "FileSize" -> fileSize = longValue();
                case "TargetFileName" -> targetFileName = in.text();
                case "TimeWindowList" -> {
                    while (in.nextChild()) {
                        windows.add(timeWindow());
                    }
                }
                default -> in.skip();
            }
        }
        return new ScheduleDownload(commandKey, fileType, url, username, password, fileSize, targetFileName, windows);
    }

    private TimeWindowStruct timeWindow() throws XMLStreamException, SoapException {
        long windowStart = 0;
        long windowEnd = 0;
        String windowMode = "";
        String userMessage = "";
        int maxRetries = 0;
        while (in.nextChild()) {
            switch (in.name()) {
                case "WindowStart" -> windowStart = longValue();
                case "WindowEnd" -> windowEnd = longValue();
                case "WindowMode" -> windowMode = in.token();
                case "UserMessage" -> userMessage = in.text();
                case "MaxRetries" -> maxRetries = integer();
                default -> in.skip();
            }
        }
        return new TimeWindowStruct(windowStart, windowEnd, windowMode, userMessage, maxRetries);
    }

    private TransferComplete transferComplete() throws XMLStreamException, SoapException {
        String commandKey = "";
        FaultStruct fault = NO_FAULT;
        String startTime = CwmpDateTime.UNKNOWN;
        String completeTime = CwmpDateTime.UNKNOWN;
        while (in.nextChild()) {
            switch (in.name()) {
                case "CommandKey" -> commandKey = in.text();
                case "FaultStruct" -> fault = faultStruct();
                case "StartTime" -> startTime = in.token();
                case "CompleteTime" -> completeTime = in.token();
                default -> in.skip();
            }
        }
        return new TransferComplete(commandKey, fault, startTime, completeTime);
    }

    private AutonomousTransferComplete autonomousTransferComplete() throws XMLStreamException, SoapException {
        String announceUrl = "";
        String transferUrl = "";
        boolean isDownload = false;
        String fileType = "";
        long fileSize = 0;
        String targetFileName = "";
        FaultStruct fault = NO_FAULT;
        String startTime = CwmpDateTime.UNKNOWN;
        String completeTime = CwmpDateTime.UNKNOWN;
        while (in.nextChild()) {
            switch (in.name()) {
                case "AnnounceURL" -> announceUrl = in.token();
                case "TransferURL" -> transferUrl = in.token();
                case "IsDownload" -> isDownload = bool();
                case "FileType" -> fileType = in.token();
                case "FileSize" -> fileSize = longValue();
                case "TargetFileName" -> targetFileName = in.text();
                case "FaultStruct" -> fault = faultStruct();
                case "StartTime" -> startTime = in.token();
                case "CompleteTime" -> completeTime = in.token();
                default -> in.skip();
            }
        }
        return new AutonomousTransferComplete(announceUrl, transferUrl, isDownload, fileType, fileSize,
                targetFileName, fault, startTime, completeTime);
    }

    private RequestDownload requestDownload() throws XMLStreamException {
        String fileType = "";
        List<ArgStruct> args = new ArrayList<>();
        while (in.nextChild()) {
            switch (in.name()) {
                case "FileType" -> fileType = in.token();
                case "FileTypeArg" -> {
                    while (in.nextChild()) {
                        String name = "";
                        String value = "";
                        while (in.nextChild()) {
                            switch (in.name()) {
                                case "Name" -> name = in.token();
                                case "Value" -> value = in.text();
                                default -> in.skip();
                            }
                        }
                        args.add(new ArgStruct(name, value));
                    }
                }
                default -> in.skip();
            }
        }
        return new RequestDownload(fileType, args);
    }

    // ---- software modules

    private enum OpKind { INSTALL, UPDATE, UNINSTALL }

    private static OpKind opKind(String typeOrName) {
        if (typeOrName == null) {
            return null;
        }
        String local = typeOrName.substring(typeOrName.indexOf(':') + 1);
        return switch (local) {
            case "InstallOpStruct" -> OpKind.INSTALL;
            case "UpdateOpStruct" -> OpKind.UPDATE;
            case "UninstallOpStruct" -> OpKind.UNINSTALL;
            default -> null;
        };
    }

    /** The fields of any of the three operation structs, as they arrive. */
    private static final class OpFields {
        String url = "";
        String uuid = "";
        String username = "";
        String password = "";
        String executionEnvRef = "";
        String version = "";
        boolean hasUrl;
        boolean hasVersion;

        DuOperation build(OpKind kind) {
            if (kind == null) {
                // no xsi:type: guess from the fields present (Install needs a URL; Update names a version)
                kind = hasUrl ? (hasVersion ? OpKind.UPDATE : OpKind.INSTALL) : OpKind.UNINSTALL;
            }
            return switch (kind) {
                case INSTALL -> new InstallOpStruct(url, uuid, username, password, executionEnvRef);
                case UPDATE -> new UpdateOpStruct(uuid, version, url, username, password);
                case UNINSTALL -> new UninstallOpStruct(uuid, version, executionEnvRef);
            };
        }
    }

    /** Reads one field of an operation struct into f. */
    private void opField(OpFields f) throws XMLStreamException {
        switch (in.name()) {
            case "URL" -> {
                f.url = in.token();
                f.hasUrl = true;
            }
            case "UUID" -> f.uuid = in.token();
            case "Username" -> f.username = in.text();
            case "Password" -> f.password = in.text();
            case "ExecutionEnvRef" -> f.executionEnvRef = in.token();
            case "Version" -> {
                f.version = in.token();
                f.hasVersion = true;
            }
            default -> in.skip();
        }
    }

    /** The operation struct the reader is on: its fields are its children. */
    private DuOperation operationStruct(OpKind kind) throws XMLStreamException {
        OpFields f = new OpFields();
        while (in.nextChild()) {
            opField(f);
        }
        return f.build(kind);
    }

    /**
     * ChangeDUState as the schema has it (repeated Operations elements, each xsi:type'd InstallOpStruct,
     * UpdateOpStruct or UninstallOpStruct), or with the struct as a named child of Operations, or directly in the
     * method element.
     */
    private ChangeDUState changeDuState() throws XMLStreamException {
        List<DuOperation> operations = new ArrayList<>();
        String commandKey = "";
        while (in.nextChild()) {
            String name = in.name();
            OpKind named = opKind(name);
            if (named != null) {
                operations.add(operationStruct(named));
                continue;
            }
            switch (name) {
                case "Operations" -> {
                    OpKind typed = opKind(in.xsiType());
                    OpFields direct = null;
                    boolean nested = false;
                    while (in.nextChild()) {
                        OpKind kind = opKind(in.name());
                        if (kind != null) {
                            operations.add(operationStruct(kind));
                            nested = true;
                        } else {
                            if (direct == null) {
                                direct = new OpFields();
                            }
                            opField(direct);
                        }
                    }
                    if (direct != null || (!nested && typed != null)) {
                        operations.add((direct != null ? direct : new OpFields()).build(typed));
                    }
                }
                case "CommandKey" -> commandKey = in.text();
                default -> in.skip();
            }
        }
        return new ChangeDUState(operations, commandKey);
    }

    /** The fields of OpResultStruct and AutonOpResultStruct, as they arrive. */
    private static final class OpResultFields {
        String uuid = "";
        String deploymentUnitRef = "";
        String version = "";
        String currentState = "";
        boolean resolved;
        String executionUnitRefList = "";
        String startTime = CwmpDateTime.UNKNOWN;
        String completeTime = CwmpDateTime.UNKNOWN;
        FaultStruct fault = NO_FAULT;
        String operationPerformed = "";

        OpResultStruct result() {
            return new OpResultStruct(uuid, deploymentUnitRef, version, currentState, resolved, executionUnitRefList,
                    startTime, completeTime, fault);
        }

        AutonOpResultStruct autonomousResult() {
            return new AutonOpResultStruct(uuid, deploymentUnitRef, version, currentState, resolved,
                    executionUnitRefList, startTime, completeTime, fault, operationPerformed);
        }
    }

    private void opResultField(OpResultFields f) throws XMLStreamException, SoapException {
        switch (in.name()) {
            case "UUID" -> f.uuid = in.token();
            case "DeploymentUnitRef" -> f.deploymentUnitRef = in.token();
            case "Version" -> f.version = in.token();
            case "CurrentState" -> f.currentState = in.token();
            case "Resolved" -> f.resolved = bool();
            case "ExecutionUnitRefList" -> f.executionUnitRefList = in.token();
            case "StartTime" -> f.startTime = in.token();
            case "CompleteTime" -> f.completeTime = in.token();
            case "Fault" -> f.fault = faultStruct();
            case "OperationPerformed" -> f.operationPerformed = in.token();
            default -> in.skip();
        }
    }

    /**
     * One Results element: a SOAP array of OpResultStruct / AutonOpResultStruct (as deployed CPEs send it), or
     * itself one result (the schema's repeated Results elements).
     */
    private void results(List<OpResultFields> into) throws XMLStreamException, SoapException {
        OpResultFields direct = null;
        while (in.nextChild()) {
            String name = in.name();
            if ("OpResultStruct".equals(name) || "AutonOpResultStruct".equals(name)) {
                OpResultFields f = new OpResultFields();
                while (in.nextChild()) {
                    opResultField(f);
                }
                into.add(f);
            } else {
                if (direct == null) {
                    direct = new OpResultFields();
                }
                opResultField(direct);
            }
        }
        if (direct != null) {
            into.add(direct);
        }
    }

    private DUStateChangeComplete duStateChangeComplete() throws XMLStreamException, SoapException {
        List<OpResultFields> fields = new ArrayList<>();
        String commandKey = "";
        while (in.nextChild()) {
            switch (in.name()) {
                case "Results" -> results(fields);
                case "CommandKey" -> commandKey = in.text();
                default -> in.skip();
            }
        }
        List<OpResultStruct> results = new ArrayList<>(fields.size());
        for (OpResultFields f : fields) {
            results.add(f.result());
        }
        return new DUStateChangeComplete(results, commandKey);
    }

    private AutonomousDUStateChangeComplete autonomousDuStateChangeComplete() throws XMLStreamException, SoapException {
        List<OpResultFields> fields = new ArrayList<>();
        while (in.nextChild()) {
            if ("Results".equals(in.name())) {
                results(fields);
            } else {
                in.skip();
            }
        }
        List<AutonOpResultStruct> results = new ArrayList<>(fields.size());
        for (OpResultFields f : fields) {
            results.add(f.autonomousResult());
        }
        return new AutonomousDUStateChangeComplete(results);
    }

    // ---- shared shapes

    /** A message whose only content is one integer element, e.g. Status or MaxEnvelopes. */
    private int intFields(String element, int missing) throws XMLStreamException, SoapException {
        int value = missing;
        while (in.nextChild()) {
            if (element.equals(in.name())) {
                value = integer();
            } else {
                in.skip();
            }
        }
        return value;
    }

    /** A message whose only content is CommandKey. */
    private String commandKeyField() throws XMLStreamException {
        String commandKey = "";
        while (in.nextChild()) {
            if ("CommandKey".equals(in.name())) {
                commandKey = in.text();
            } else {
                in.skip();
            }
        }
        return commandKey;
    }

    /** A message whose only content is one string array, e.g. ParameterNames or MethodList. */
    private List<String> stringListField(String element) throws XMLStreamException {
        List<String> list = List.of();
        while (in.nextChild()) {
            if (element.equals(in.name())) {
                list = stringList();
            } else {
                in.skip();
            }
        }
        return list;
    }

    /** A message whose only content is ParameterList of ParameterValueStruct. */
    private List<ParameterValueStruct> parameterValueListField() throws XMLStreamException {
        List<ParameterValueStruct> list = List.of();
        while (in.nextChild()) {
            if ("ParameterList".equals(in.name())) {
                list = parameterValueList();
            } else {
                in.skip();
            }
        }
        return list;
    }

    /** The items of a string array, whatever the items are called (string, xsd:string, ...). */
    private List<String> stringList() throws XMLStreamException {
        List<String> list = new ArrayList<>();
        while (in.nextChild()) {
            list.add(in.token());
        }
        return list;
    }

    private List<ParameterValueStruct> parameterValueList() throws XMLStreamException {
        List<ParameterValueStruct> list = new ArrayList<>();
        while (in.nextChild()) {
            String name = "";
            String value = "";
            String type = null;
            while (in.nextChild()) {
                switch (in.name()) {
                    case "Name" -> name = in.token();
                    case "Value" -> {
                        type = in.xsiType();
                        // xsd:string preserves whitespace; every other simple type collapses it
                        value = type == null || "xsd:string".equals(type) ? in.text() : in.token();
                    }
                    default -> in.skip();
                }
            }
            list.add(new ParameterValueStruct(name, value, type));
        }
        return list;
    }

    // ---- simple values

    private int integer() throws XMLStreamException, SoapException {
        String element = in.name();
        long value = longValue();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw fail(element + " is not an int: " + value);
        }
        return (int) value;
    }

    private long longValue() throws XMLStreamException, SoapException {
        String element = in.name();
        String text = in.token();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw fail(element + " is not a number: '" + abbreviate(text) + "'");
        }
    }

    /** xsd:boolean: 1, 0, true, false in any case; empty is false. */
    private boolean bool() throws XMLStreamException, SoapException {
        String element = in.name();
        String text = in.token();
        if (text.isEmpty() || "0".equals(text) || "false".equalsIgnoreCase(text)) {
            return false;
        }
        if ("1".equals(text) || "true".equalsIgnoreCase(text)) {
            return true;
        }
        throw fail(element + " is not a boolean: '" + abbreviate(text) + "'");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
