package org.jcwmp.cpe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterValuesFault;
import org.junit.jupiter.api.Test;

class DataModelTest {
    private final DataModel model = Device2Model.create(() -> 42);

    private static List<String> names(List<?> structs) {
        return structs.stream().map(s -> s instanceof ParameterValueStruct p ? p.name() : ((ParameterInfoStruct) s).name()).toList();
    }

    private static int faultCode(ThrowingCall call) {
        return catchThrowableOfType(CpeFaultException.class, call::run).fault().faultCode();
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    // ---- GetParameterNames ----

    @Test
    void namesOfTheWholeTree() throws Exception {
        assertThat(model.getParameterNames("", true)).containsExactly(new ParameterInfoStruct("Device.", false));
        List<ParameterInfoStruct> all = model.getParameterNames("", false);
        assertThat(names(all)).startsWith("Device.", "Device.RootDataModelVersion", "Device.DeviceInfo.",
                "Device.DeviceInfo.Manufacturer");
        assertThat(names(all)).contains("Device.ManagementServer.", "Device.ManagementServer.CWMPRetryIntervalMultiplier");
        assertThat(all).hasSize(1 + 1 + 1 + 8 + 1 + 12);
    }

    @Test
    void namesBelowAPartialPath() throws Exception {
        assertThat(model.getParameterNames("Device.", true)).containsExactly(
                new ParameterInfoStruct("Device.RootDataModelVersion", false),
                new ParameterInfoStruct("Device.DeviceInfo.", false),
                new ParameterInfoStruct("Device.ManagementServer.", false));
        List<ParameterInfoStruct> info = model.getParameterNames("Device.DeviceInfo.", false);
        assertThat(info.get(0)).isEqualTo(new ParameterInfoStruct("Device.DeviceInfo.", false));
        assertThat(info).hasSize(9)
                .contains(new ParameterInfoStruct("Device.DeviceInfo.ProvisioningCode", true),
                        new ParameterInfoStruct("Device.DeviceInfo.UpTime", false));
    }

    @Test
    void namesOfOneParameter() throws Exception {
        assertThat(model.getParameterNames("Device.ManagementServer.ParameterKey", false))
                .containsExactly(new ParameterInfoStruct("Device.ManagementServer.ParameterKey", false));
        assertThat(model.getParameterNames("Device.ManagementServer.URL", false))
                .containsExactly(new ParameterInfoStruct("Device.ManagementServer.URL", true));
        assertThat(faultCode(() -> model.getParameterNames("Device.ManagementServer.URL", true))).isEqualTo(9003);
    }

    @Test
    void namesOfUnknownPathsFault() {
        assertThat(faultCode(() -> model.getParameterNames("Device.Nope.", false))).isEqualTo(9005);
        assertThat(faultCode(() -> model.getParameterNames("Device.DeviceInfo", false))).isEqualTo(9005);
        assertThat(faultCode(() -> model.getParameterNames("InternetGatewayDevice.", true))).isEqualTo(9005);
    }

    // ---- GetParameterValues ----

    @Test
    void valuesOfFullAndPartialPaths() throws Exception {
        model.setValue(Device2Model.SOFTWARE_VERSION, "2.1", ChangeOrigin.LOCAL);
        assertThat(model.getParameterValues(List.of("Device.DeviceInfo.SoftwareVersion", "Device.DeviceInfo.UpTime")))
                .containsExactly(new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "2.1", "xsd:string"),
                        new ParameterValueStruct("Device.DeviceInfo.UpTime", "42", "xsd:unsignedInt"));
        List<ParameterValueStruct> ms = model.getParameterValues(List.of("Device.ManagementServer."));
        assertThat(ms).hasSize(12).allSatisfy(p -> assertThat(p.name()).startsWith("Device.ManagementServer."));
        assertThat(ms).contains(new ParameterValueStruct("Device.ManagementServer.PeriodicInformEnable", "false", "xsd:boolean"),
                new ParameterValueStruct("Device.ManagementServer.CWMPRetryMinimumWaitInterval", "5", "xsd:unsignedInt"),
                new ParameterValueStruct("Device.ManagementServer.PeriodicInformTime", "0001-01-01T00:00:00Z", "xsd:dateTime"));
        assertThat(model.getParameterValues(List.of(""))).hasSize(1 + 8 + 12);
    }

    @Test
    void passwordsReadAsEmpty() throws Exception {
        model.setValue(Device2Model.PASSWORD, "secret", ChangeOrigin.LOCAL);
        model.setValue(Device2Model.CONNECTION_REQUEST_PASSWORD, "crsecret", ChangeOrigin.LOCAL);
        assertThat(model.getParameterValues(List.of(Device2Model.PASSWORD, Device2Model.CONNECTION_REQUEST_PASSWORD)))
                .extracting(ParameterValueStruct::value).containsExactly("", "");
        assertThat(model.value(Device2Model.PASSWORD)).isEqualTo("secret");
    }

    @Test
    void valuesOfUnknownNamesFault() {
        assertThat(faultCode(() -> model.getParameterValues(List.of("Device.DeviceInfo.UpTime", "Device.Foo")))).isEqualTo(9005);
        assertThat(faultCode(() -> model.getParameterValues(List.of("Device.Foo.")))).isEqualTo(9005);
    }

    // ---- SetParameterValues ----

    @Test
    void setAppliesEverythingAndStoresTheParameterKey() throws Exception {
        List<Set<String>> changes = new ArrayList<>();
        model.addListener((paths, origin) -> {
            assertThat(origin).isEqualTo(ChangeOrigin.ACS);
            changes.add(paths);
        });
        model.setParameterValues(List.of(
                new ParameterValueStruct(Device2Model.PERIODIC_INFORM_INTERVAL, "600", "xsd:unsignedInt"),
                new ParameterValueStruct(Device2Model.PERIODIC_INFORM_ENABLE, "1", "xsd:boolean"),
                new ParameterValueStruct(Device2Model.PROVISIONING_CODE, "ABC", null)), "key-1");
        assertThat(model.value(Device2Model.PERIODIC_INFORM_INTERVAL)).isEqualTo("600");
        assertThat(model.value(Device2Model.PERIODIC_INFORM_ENABLE)).isEqualTo("true");
        assertThat(model.value(Device2Model.PROVISIONING_CODE)).isEqualTo("ABC");
        assertThat(model.value(Device2Model.PARAMETER_KEY)).isEqualTo("key-1");
        assertThat(changes).containsExactly(Set.of(Device2Model.PERIODIC_INFORM_INTERVAL, Device2Model.PERIODIC_INFORM_ENABLE,
                Device2Model.PROVISIONING_CODE, Device2Model.PARAMETER_KEY));
    }

    @Test
    void setIsAtomicAndListsEveryFailingParameter() {
        Map<String, String> before = model.storedValues();
        CpeFaultException e = catchThrowableOfType(CpeFaultException.class, () -> model.setParameterValues(List.of(
                new ParameterValueStruct(Device2Model.PROVISIONING_CODE, "OK", "xsd:string"),
                new ParameterValueStruct("Device.DeviceInfo.Nope", "x", "xsd:string"),
                new ParameterValueStruct(Device2Model.SERIAL_NUMBER, "x", "xsd:string"),
                new ParameterValueStruct(Device2Model.UP_TIME, "1", "xsd:unsignedInt"),
                new ParameterValueStruct(Device2Model.PERIODIC_INFORM_INTERVAL, "often", "xsd:unsignedInt"),
                new ParameterValueStruct(Device2Model.PERIODIC_INFORM_INTERVAL + "X", "1", "xsd:unsignedInt"),
                new ParameterValueStruct(Device2Model.CWMP_RETRY_INTERVAL_MULTIPLIER, "999", "xsd:unsignedInt"),
                new ParameterValueStruct(Device2Model.PERIODIC_INFORM_ENABLE, "true", "xsd:string")), "key-2"));
        Fault fault = e.fault();
        assertThat(fault.faultCode()).isEqualTo(9003);
        assertThat(fault.setParameterValuesFaults()).extracting(SetParameterValuesFault::parameterName, SetParameterValuesFault::faultCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Device.DeviceInfo.Nope", 9005),
                        org.assertj.core.groups.Tuple.tuple(Device2Model.SERIAL_NUMBER, 9008),
                        org.assertj.core.groups.Tuple.tuple(Device2Model.UP_TIME, 9008),
                        org.assertj.core.groups.Tuple.tuple(Device2Model.PERIODIC_INFORM_INTERVAL, 9007),
                        org.assertj.core.groups.Tuple.tuple(Device2Model.PERIODIC_INFORM_INTERVAL + "X", 9005),
                        org.assertj.core.groups.Tuple.tuple(Device2Model.CWMP_RETRY_INTERVAL_MULTIPLIER, 9007),
                        org.assertj.core.groups.Tuple.tuple(Device2Model.PERIODIC_INFORM_ENABLE, 9006));
        assertThat(model.storedValues()).isEqualTo(before);
        assertThat(model.value(Device2Model.PARAMETER_KEY)).isEmpty();
    }

    @Test
    void setRefusesDuplicatesAndOverlongKeys() {
        assertThat(faultCode(() -> model.setParameterValues(List.of(
                new ParameterValueStruct(Device2Model.PROVISIONING_CODE, "a", null),
                new ParameterValueStruct(Device2Model.PROVISIONING_CODE, "b", null)), ""))).isEqualTo(9003);
        assertThat(faultCode(() -> model.setParameterValues(List.of(
                new ParameterValueStruct(Device2Model.PROVISIONING_CODE, "a", null)), "k".repeat(33)))).isEqualTo(9003);
        assertThat(model.value(Device2Model.PROVISIONING_CODE)).isEmpty();
    }

    @Test
    void readOnlyAndPasswordsWorkThroughTheRightDoors() throws Exception {
        model.setParameterValues(List.of(new ParameterValueStruct(Device2Model.CONNECTION_REQUEST_PASSWORD, "n3w", "xsd:string")), "");
        assertThat(model.value(Device2Model.CONNECTION_REQUEST_PASSWORD)).isEqualTo("n3w");
        // the device itself may change values the ACS cannot
        model.setValue(Device2Model.SOFTWARE_VERSION, "9.9", ChangeOrigin.LOCAL);
        assertThatThrownBy(() -> model.setValue(Device2Model.UP_TIME, "1", ChangeOrigin.LOCAL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.setValue("Device.Nope", "1", ChangeOrigin.LOCAL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.setValue(Device2Model.PERIODIC_INFORM_INTERVAL, "0", ChangeOrigin.LOCAL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forcedInformParametersInModelOrder() {
        assertThat(model.forcedInformParameters()).extracting(ParameterValueStruct::name).containsExactly(
                "Device.RootDataModelVersion", "Device.DeviceInfo.HardwareVersion", "Device.DeviceInfo.SoftwareVersion",
                "Device.DeviceInfo.ProvisioningCode", "Device.ManagementServer.ParameterKey",
                "Device.ManagementServer.ConnectionRequestURL");
        assertThat(model.forcedInformParameters().get(0).value()).isEqualTo("2.17");
    }

    @Test
    void restoreSkipsWhatNoLongerFits() {
        Set<String> skipped = model.restore(Map.of(Device2Model.URL, "http://acs/", Device2Model.UP_TIME, "5",
                "Device.Gone", "x", Device2Model.PERIODIC_INFORM_INTERVAL, "0"));
        assertThat(skipped).containsExactlyInAnyOrder(Device2Model.UP_TIME, "Device.Gone", Device2Model.PERIODIC_INFORM_INTERVAL);
        assertThat(model.value(Device2Model.URL)).isEqualTo("http://acs/");
        assertThat(model.storedValues()).doesNotContainKey(Device2Model.UP_TIME);
    }
}
