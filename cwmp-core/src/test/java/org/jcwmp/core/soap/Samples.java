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
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.DUStateChangeCompleteResponse;
import org.jcwmp.core.rpc.DeleteObject;
import org.jcwmp.core.rpc.DeleteObjectResponse;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.Download;
import org.jcwmp.core.rpc.DownloadResponse;
import org.jcwmp.core.rpc.EventCode;
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

/** One non-trivial instance of every message, with text that needs escaping and whitespace that must survive. */
final class Samples {

    static final String T1 = "2024-05-06T07:08:09Z";
    static final String T2 = "2024-05-06T07:09:10.123+02:00";
    static final String UUID1 = "2b9c1a4e-6f7d-4e1b-9a3c-0d5e6f7a8b9c";
    static final String UUID2 = "7f0e3d2c-1b0a-4f9e-8d7c-6b5a49382716";
    static final String AWKWARD = "a & b < c > d \"q\" 'x' ]]> \t Café ✓ 😀";

    private Samples() {
    }

    static List<CwmpMessage> all() {
        FaultStruct noFault = new FaultStruct(0, "");
        FaultStruct fault = new FaultStruct(9010, "Download failed: 404 <not found> & gone");
        List<ParameterValueStruct> values = List.of(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "1.2.3", "xsd:string"),
                new ParameterValueStruct("Device.WiFi.SSID.1.SSID", "  my net " + AWKWARD + " ", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.UpTime", "123456", "xsd:unsignedInt"),
                new ParameterValueStruct("Device.WiFi.Radio.1.Enable", "true", "xsd:boolean"),
                new ParameterValueStruct("Device.X_ACME_Banner", "line 1\r\nline 2\n", "xsd:string"),
                new ParameterValueStruct("Device.Empty", "", "xsd:string"),
                new ParameterValueStruct("Device.Time.CurrentLocalTime", T1, "xsd:dateTime"),
                new ParameterValueStruct("Device.X_ACME_Blob", "AAECAwQ=", "xsd:base64"));
        return List.of(
                new Inform(new DeviceIdStruct("ACME & Sons", "00D09E", "Router<X>", "SN-0001"),
                        List.of(new EventStruct(EventCode.BOOT, ""),
                                new EventStruct(EventCode.M_REBOOT, " key with spaces "),
                                new EventStruct("X 00D09E Special", "k")),
                        1, T1, 3, values),
                new InformResponse(1),
                new GetRPCMethods(),
                new GetRPCMethodsResponse(List.of("GetRPCMethods", "Inform", "TransferComplete", "RequestDownload")),
                new SetParameterValues(values, "pk-42 <&>"),
                new SetParameterValuesResponse(1),
                new GetParameterValues(List.of("Device.DeviceInfo.", "Device.WiFi.SSID.1.SSID")),
                new GetParameterValuesResponse(values),
                new GetParameterNames("Device.WiFi.", true),
                new GetParameterNamesResponse(List.of(new ParameterInfoStruct("Device.WiFi.SSID.", false),
                        new ParameterInfoStruct("Device.WiFi.SSID.1.SSID", true))),
                new SetParameterAttributes(List.of(
                        new SetParameterAttributesStruct("Device.WiFi.SSID.1.SSID", true, 2, true, List.of("Subscriber")),
                        new SetParameterAttributesStruct("Device.DeviceInfo.", false, 0, false, List.of()))),
                new SetParameterAttributesResponse(),
                new GetParameterAttributes(List.of("Device.WiFi.SSID.1.SSID", "Device.ManagementServer.")),
                new GetParameterAttributesResponse(List.of(
                        new ParameterAttributeStruct("Device.WiFi.SSID.1.SSID", 2, List.of("Subscriber")),
                        new ParameterAttributeStruct("Device.DeviceInfo.UpTime", 0, List.of()))),
                new AddObject("Device.NAT.PortMapping.", "pk-add"),
                new AddObjectResponse(4_000_000_000L, 1),
                new DeleteObject("Device.NAT.PortMapping.3.", "pk-del"),
                new DeleteObjectResponse(1),
                new Download("dl-1", "1 Firmware Upgrade Image", "http://acs.example:7547/fw.bin?a=1&b=2", "user",
                        " p&ss ", 12_345_678L, "fw.bin", 30, "http://ok.example/", "http://ko.example/"),
                new DownloadResponse(1, T1, T2),
                new Reboot("reboot-7"),
                new RebootResponse(),
                new ScheduleInform(3600, "sched-1"),
                new ScheduleInformResponse(),
                new Upload("ul-1", "3 Vendor Log File 2", "ftp://files.example/up", "u", "p", 15),
                new UploadResponse(0, T1, T2),
                new FactoryReset(),
                new FactoryResetResponse(),
                new GetAllQueuedTransfers(),
                new GetAllQueuedTransfersResponse(List.of(
                        new AllQueuedTransferStruct("dl-1", 2, true, "1 Firmware Upgrade Image", 1024, "fw.bin"),
                        new AllQueuedTransferStruct("ul-1", 1, false, "3 Vendor Log File", 0, ""))),
                new ScheduleDownload("sd-1", "1 Firmware Upgrade Image", "https://files.example/fw", "u", "p", 99,
                        "fw.img", List.of(new TimeWindowStruct(0, 3600, "1 At Any Time", "", 3),
                        new TimeWindowStruct(7200, 10800, "4 Confirmation Needed", "Update now? <yes/no>", -1))),
                new ScheduleDownloadResponse(),
                new CancelTransfer("dl-1"),
                new CancelTransferResponse(),
                new ChangeDUState(List.of(
                        new InstallOpStruct("http://files.example/app.ipk", UUID1, "u", "p", "Device.SoftwareModules.ExecEnv.1"),
                        new UpdateOpStruct(UUID2, "2.0", "http://files.example/app2.ipk", "", ""),
                        new UninstallOpStruct(UUID1, "1.0", "Device.SoftwareModules.ExecEnv.2")), "cdu-1"),
                new ChangeDUStateResponse(),
                new DUStateChangeComplete(List.of(
                        new OpResultStruct(UUID1, "Device.SoftwareModules.DeploymentUnit.1", "1.0", "Installed", true,
                                "Device.SoftwareModules.ExecutionUnit.1", T1, T2, noFault),
                        new OpResultStruct(UUID2, "", "", "Failed", false, "", T1, T2,
                                new FaultStruct(9018, "corrupted"))), "cdu-1"),
                new DUStateChangeCompleteResponse(),
                new AutonomousDUStateChangeComplete(List.of(
                        new AutonOpResultStruct(UUID1, "Device.SoftwareModules.DeploymentUnit.2", "3.1", "Installed", true,
                                "Device.SoftwareModules.ExecutionUnit.2,Device.SoftwareModules.ExecutionUnit.3", T1, T2,
                                noFault, "Install"))),
                new AutonomousDUStateChangeCompleteResponse(),
                new TransferComplete("dl-1", fault, T1, T2),
                new TransferCompleteResponse(),
                new AutonomousTransferComplete("http://announce.example/", "http://files.example/x", true,
                        "1 Firmware Upgrade Image", 2048, "x.bin", noFault, T1, T2),
                new AutonomousTransferCompleteResponse(),
                new RequestDownload("2 Web Content", List.of(new ArgStruct("Version", "1.2"), new ArgStruct("Lang", " en & fr "))),
                new RequestDownloadResponse(),
                new Fault(9003, "Invalid arguments", List.of(
                        new SetParameterValuesFault("Device.WiFi.SSID.1.SSID", 9007, "Invalid <value>"),
                        new SetParameterValuesFault("Device.DeviceInfo.UpTime", 9008, "Not writable"))));
    }
}
