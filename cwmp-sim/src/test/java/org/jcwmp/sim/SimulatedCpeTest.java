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
}
