package org.jcwmp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.GetParameterNames;
import org.jcwmp.core.rpc.GetParameterNamesResponse;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.core.rpc.SetParameterValuesResponse;
import org.junit.jupiter.api.Test;

/** Template plus differences: what a simulated CPE answers, and what it keeps. */
class SimulatedCpeTest {
    static final DataModelTemplate TEMPLATE = DataModelTemplate.of("home-gateway");
    private final SimContext ctx = new SimContext(TEMPLATE, "jcwmp", "00D09E", "SimGateway", "SIM",
            URI.create("http://127.0.0.1:1/"), "cpe", "cpe", "acs", "{serial}-pw");
    private final SimulatedCpe a = new SimulatedCpe(ctx, 1);
    private final SimulatedCpe b = new SimulatedCpe(ctx, 2);

    @Test
    void setValuesAreKeptPerDeviceAsDifferencesOnly() {
        assertThat(a.differenceCount()).isZero();
        CwmpMessage r = a.answer(new SetParameterValues(List.of(
                new ParameterValueStruct("Device.ManagementServer.PeriodicInformInterval", "300", "xsd:unsignedInt")), "key7"));
        assertThat(r).isInstanceOf(SetParameterValuesResponse.class);
        assertThat(a.value("Device.ManagementServer.PeriodicInformInterval")).contains("300");
        assertThat(a.value("Device.ManagementServer.ParameterKey")).contains("key7");
        assertThat(b.value("Device.ManagementServer.PeriodicInformInterval")).contains("86400");
        assertThat(a.differenceCount()).isEqualTo(2);
        // setting the template's value again removes the difference
        a.answer(new SetParameterValues(List.of(
                new ParameterValueStruct("Device.ManagementServer.PeriodicInformInterval", "86400", null)), ""));
        assertThat(a.differenceCount()).isZero();
    }

    @Test
    void identityComesFromTheNumberAndReadsLikeAnyParameter() {
        GetParameterValuesResponse r = (GetParameterValuesResponse) b.answer(new GetParameterValues(List.of(
                "Device.DeviceInfo.SerialNumber", "Device.DeviceInfo.ProductClass", "Device.ManagementServer.ConnectionRequestUsername")));
        assertThat(r.parameterList()).extracting(ParameterValueStruct::value).containsExactly("SIM000002", "SimGateway", "acs");
        assertThat(b.connectionRequestPassword()).isEqualTo("SIM000002-pw");
        Inform inform = b.inform(b.pendingEvents());
        assertThat(inform.deviceId().serialNumber()).isEqualTo("SIM000002");
        assertThat(inform.event()).extracting(e -> e.eventCode()).containsExactly("0 BOOTSTRAP", "1 BOOT");
        assertThat(inform.parameterList()).extracting(ParameterValueStruct::name)
                .contains("Device.ManagementServer.ConnectionRequestURL", "Device.DeviceInfo.SoftwareVersion");
    }

    @Test
    void faultsForUnknownNamesBadValuesAndReadOnlyParameters() {
        assertThat(((Fault) a.answer(new GetParameterValues(List.of("Device.Nope.")))).faultCode()).isEqualTo(9005);
        assertThat(((Fault) a.answer(new GetParameterNames("Device.Nope.", false))).faultCode()).isEqualTo(9005);
        Fault f = (Fault) a.answer(new SetParameterValues(List.of(
                new ParameterValueStruct("Device.DeviceInfo.SerialNumber", "x", "xsd:string"),
                new ParameterValueStruct("Device.ManagementServer.PeriodicInformInterval", "-5", "xsd:unsignedInt"),
                new ParameterValueStruct("Device.Nope", "1", null)), "k"));
        assertThat(f.faultCode()).isEqualTo(9003);
        assertThat(f.setParameterValuesFaults()).extracting(x -> x.faultCode()).containsExactly(9008, 9007, 9005);
        assertThat(a.differenceCount()).isZero();
    }

    @Test
    void partialPathsAndNextLevel() {
        GetParameterValuesResponse all = (GetParameterValuesResponse) a.answer(new GetParameterValues(List.of("Device.ManagementServer.")));
        assertThat(all.parameterList()).extracting(ParameterValueStruct::name)
                .contains("Device.ManagementServer.URL").allMatch(n -> n.startsWith("Device.ManagementServer."));
        GetParameterNamesResponse next = (GetParameterNamesResponse) a.answer(new GetParameterNames("Device.", true));
        assertThat(next.parameterList()).extracting(p -> p.name()).contains("Device.DeviceInfo.", "Device.ManagementServer.")
                .doesNotContain("Device.DeviceInfo.SerialNumber");
    }

    @Test
    void aDownloadCompletesLaterWithATransferCompleteAndTheVersionFromTheFileName() {
        java.util.List<String> transfers = new java.util.ArrayList<>();
        ctx.scheduler(new SimContext.Scheduler() {
            @Override
            public void scheduleInform(SimulatedCpe cpe, long delaySeconds, int events) {
            }

            @Override
            public void transfer(SimulatedCpe cpe, String fileName) {
                transfers.add(fileName);
            }
        });
        org.jcwmp.core.rpc.Download d = new org.jcwmp.core.rpc.Download("task-7", "1 Firmware Upgrade Image",
                "http://files.example/files/gw_3.1.4.img?exp=1&sig=x", "", "", 100, "", 0, "", "");
        CwmpMessage r = a.answer(d);
        assertThat(r).isEqualTo(new org.jcwmp.core.rpc.DownloadResponse(1, "0001-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z"));
        assertThat(transfers).containsExactly("gw_3.1.4.img");
        assertThat(a.transferComplete()).as("not finished yet").isNull();
        assertThat(a.answer(d)).as("one transfer at a time").isInstanceOf(Fault.class);

        a.transferFinished(false, "gw_3.1.4.img");
        assertThat(a.value("Device.DeviceInfo.SoftwareVersion")).contains("3.1.4");
        var tc = a.transferComplete();
        assertThat(tc.commandKey()).isEqualTo("task-7");
        assertThat(tc.faultStruct().faultCode()).isZero();
        Inform inform = a.inform(SimulatedCpe.EV_BOOT);
        assertThat(inform.event()).extracting(e -> e.eventCode() + "/" + e.commandKey())
                .containsExactly("1 BOOT/", "7 TRANSFER COMPLETE/", "M Download/task-7");
        assertThat(inform.parameterList()).contains(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "3.1.4", "xsd:string"));
        a.transferCompleteDelivered();
        assertThat(a.transferComplete()).isNull();
        assertThat(a.differenceCount()).as("only the new version is kept").isEqualTo(1);

        assertThat(b.answer(d)).isInstanceOf(org.jcwmp.core.rpc.DownloadResponse.class);
        b.transferFinished(true, "gw_3.1.4.img");
        assertThat(b.transferComplete().faultStruct().faultCode()).isEqualTo(9010);
        assertThat(b.value("Device.DeviceInfo.SoftwareVersion").orElseThrow()).isNotEqualTo("3.1.4");
    }
}
