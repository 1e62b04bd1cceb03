package org.jcwmp.cpe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.ParameterAttributeStruct;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterAttributesStruct;
import org.jcwmp.core.rpc.SetParameterValuesFault;
import org.junit.jupiter.api.Test;

/** The ACS's methods against the home-gateway model, with the fault codes TR-069 gives each failure. */
class DataModelTest {
    private static final String MS = "Device.ManagementServer.";
    private final DataModel model = new DataModel(DeviceProfile.load(DeviceProfile.HOME_GATEWAY));

    private static List<String> names(List<ParameterInfoStruct> infos) {
        return infos.stream().map(ParameterInfoStruct::name).toList();
    }

    private static int faultCode(ThrowingCall call) {
        return catchThrowableOfType(CpeFaultException.class, call::run).fault().faultCode();
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    private static ParameterValueStruct pv(String name, String value, String type) {
        return new ParameterValueStruct(name, value, type);
    }

    private static SetParameterAttributesStruct notification(String name, int n) {
        return new SetParameterAttributesStruct(name, true, n, false, List.of());
    }

    // ---- GetParameterNames ----

    @Test
    void nextLevelListsDirectChildrenOnly() throws Exception {
        List<ParameterInfoStruct> ip = model.getParameterNames("Device.IP.", true);
        assertThat(names(ip)).contains("Device.IP.IPv4Enable", "Device.IP.InterfaceNumberOfEntries", "Device.IP.Interface.")
                .noneMatch(n -> n.startsWith("Device.IP.Interface.1"));
        // A table is writable when the ACS may add to it; its instances when it may delete them.
        assertThat(ip).contains(new ParameterInfoStruct("Device.IP.Interface.", true),
                new ParameterInfoStruct("Device.IP.IPv4Enable", true),
                new ParameterInfoStruct("Device.IP.InterfaceNumberOfEntries", false));
        assertThat(model.getParameterNames("Device.IP.Interface.", true)).containsExactly(
                new ParameterInfoStruct("Device.IP.Interface.1.", true), new ParameterInfoStruct("Device.IP.Interface.2.", true));
        assertThat(model.getParameterNames("Device.Hosts.Host.", true))
                .containsExactly(new ParameterInfoStruct("Device.Hosts.Host.1.", false));
        assertThat(model.getParameterNames("Device.Hosts.", true))
                .contains(new ParameterInfoStruct("Device.Hosts.Host.", false));
    }

    @Test
    void aPartialPathWithoutNextLevelGivesTheObjectAndEverythingBelow() throws Exception {
        List<String> all = names(model.getParameterNames("Device.IP.Interface.1.", false));
        assertThat(all.getFirst()).isEqualTo("Device.IP.Interface.1.");
        assertThat(all).contains("Device.IP.Interface.1.Enable", "Device.IP.Interface.1.IPv4Address.",
                "Device.IP.Interface.1.IPv4Address.1.", "Device.IP.Interface.1.IPv4Address.1.IPAddress",
                "Device.IP.Interface.1.Stats.BytesSent").doesNotContain("Device.IP.Interface.2.Enable");
        List<String> root = names(model.getParameterNames("", false));
        assertThat(root.getFirst()).isEqualTo("Device.");
        assertThat(root).containsAll(all).doesNotHaveDuplicates();
    }

    @Test
    void namesOfOneParameterAndUnknownPaths() throws Exception {
        assertThat(model.getParameterNames(MS + "URL", false)).containsExactly(new ParameterInfoStruct(MS + "URL", true));
        assertThat(model.getParameterNames(MS + "ParameterKey", false)).containsExactly(new ParameterInfoStruct(MS + "ParameterKey", false));
        assertThat(faultCode(() -> model.getParameterNames(MS + "URL", true))).isEqualTo(9003);
        assertThat(faultCode(() -> model.getParameterNames("Device.Nope.", false))).isEqualTo(9005);
        assertThat(faultCode(() -> model.getParameterNames("Device.DeviceInfo", false))).isEqualTo(9005);
        assertThat(faultCode(() -> model.getParameterNames("Device.IP.Interface.7.", true))).isEqualTo(9005);
        // In the standard but not in this device's profile:
        assertThat(faultCode(() -> model.getParameterNames("Device.DSL.", true))).isEqualTo(9005);
        assertThat(faultCode(() -> model.getParameterNames("InternetGatewayDevice.", true))).isEqualTo(9005);
    }

    // ---- GetParameterValues ----

    @Test
    void valuesOfFullAndPartialPathsWithTheSchemasTypes() throws Exception {
        assertThat(model.getParameterValues(List.of("Device.IP.Interface.2.IPv4Address.1.IPAddress", MS + "PeriodicInformInterval",
                MS + "PeriodicInformEnable", "Device.IP.Interface.1.Stats.BytesSent", "Device.IP.Interface.1.MaxMTUSize")))
                .containsExactly(pv("Device.IP.Interface.2.IPv4Address.1.IPAddress", "192.168.1.1", "xsd:string"),
                        pv(MS + "PeriodicInformInterval", "86400", "xsd:unsignedInt"),
                        pv(MS + "PeriodicInformEnable", "false", "xsd:boolean"),
                        pv("Device.IP.Interface.1.Stats.BytesSent", "0", "xsd:unsignedLong"),
                        pv("Device.IP.Interface.1.MaxMTUSize", "1500", "xsd:unsignedInt"));
        List<ParameterValueStruct> wifi = model.getParameterValues(List.of("Device.WiFi."));
        assertThat(wifi).allSatisfy(p -> assertThat(p.name()).startsWith("Device.WiFi."))
                .contains(pv("Device.WiFi.SSID.2.SSID", "jcwmp-5G", "xsd:string"), pv("Device.WiFi.RadioNumberOfEntries", "2", "xsd:unsignedInt"));
        assertThat(faultCode(() -> model.getParameterValues(List.of(MS + "URL", "Device.Foo")))).isEqualTo(9005);
        assertThat(faultCode(() -> model.getParameterValues(List.of("Device.Foo.")))).isEqualTo(9005);
    }

    @Test
    void hiddenValuesReadAsEmpty() throws Exception {
        model.setValue(MS + "Password", "secret", ChangeOrigin.LOCAL);
        assertThat(model.getParameterValues(List.of(MS + "Password", "Device.WiFi.AccessPoint.1.Security.KeyPassphrase")))
                .extracting(ParameterValueStruct::value).containsExactly("", "");
        assertThat(model.value(MS + "Password")).isEqualTo("secret");
        assertThat(model.value("Device.WiFi.AccessPoint.1.Security.KeyPassphrase")).isEqualTo("jcwmp-wifi-key");
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
                pv(MS + "PeriodicInformInterval", "600", "xsd:unsignedInt"),
                pv(MS + "PeriodicInformEnable", "1", "xsd:boolean"),
                pv("Device.WiFi.SSID.1.SSID", "new-name", null),
                pv("Device.DHCPv4.Server.Pool.1.DNSServers", "192.168.1.1, 9.9.9.9", "xsd:string")), "key-1");
        assertThat(model.value(MS + "PeriodicInformInterval")).isEqualTo("600");
        assertThat(model.value(MS + "PeriodicInformEnable")).isEqualTo("true");
        assertThat(model.value("Device.WiFi.SSID.1.SSID")).isEqualTo("new-name");
        assertThat(model.value("Device.DHCPv4.Server.Pool.1.DNSServers")).isEqualTo("192.168.1.1,9.9.9.9");
        assertThat(model.value(MS + "ParameterKey")).isEqualTo("key-1");
        assertThat(changes).containsExactly(Set.of(MS + "PeriodicInformInterval", MS + "PeriodicInformEnable",
                "Device.WiFi.SSID.1.SSID", "Device.DHCPv4.Server.Pool.1.DNSServers", MS + "ParameterKey"));
    }

    @Test
    void setIsAtomicAndListsEveryFailingParameterWithItsCode() {
        ModelState before = model.snapshot();
        CpeFaultException e = catchThrowableOfType(CpeFaultException.class, () -> model.setParameterValues(List.of(
                pv("Device.DeviceInfo.ProvisioningCode", "OK", "xsd:string"),
                pv("Device.DeviceInfo.Nope", "x", "xsd:string"),
                pv("Device.DeviceInfo.SerialNumber", "x", "xsd:string"),
                pv("Device.DeviceInfo.UpTime", "1", "xsd:unsignedInt"),
                pv(MS + "PeriodicInformInterval", "0", "xsd:unsignedInt"),
                pv(MS + "PeriodicInformEnable", "true", "xsd:string"),
                pv("Device.IP.Interface.1.Status", "Sideways", "xsd:string"),
                pv("Device.IP.Interface.1.IPv4Address.1.IPAddress", "300.1.1.1", "xsd:string"),
                pv("Device.IP.Interface.9.Enable", "true", "xsd:boolean"),
                pv("Device.WiFi.SSID.1.SSID", "x".repeat(33), "xsd:string"),
                pv("Device.IP.Interface.1.Enable", "false", "xsd:boolean")), "key-2"));
        Fault fault = e.fault();
        assertThat(fault.faultCode()).isEqualTo(9003);
        assertThat(fault.setParameterValuesFaults()).extracting(SetParameterValuesFault::parameterName, SetParameterValuesFault::faultCode)
                .containsExactly(
                        tuple("Device.DeviceInfo.Nope", 9005),
                        tuple("Device.DeviceInfo.SerialNumber", 9008),
                        tuple("Device.DeviceInfo.UpTime", 9008),
                        tuple(MS + "PeriodicInformInterval", 9007),
                        tuple(MS + "PeriodicInformEnable", 9006),
                        tuple("Device.IP.Interface.1.Status", 9008),
                        tuple("Device.IP.Interface.1.IPv4Address.1.IPAddress", 9007),
                        tuple("Device.IP.Interface.9.Enable", 9005),
                        tuple("Device.WiFi.SSID.1.SSID", 9007));
        assertThat(fault.setParameterValuesFaults().get(3).faultString()).contains("not in");
        assertThat(model.snapshot()).isEqualTo(before);
    }

    @Test
    void enumeratedValuesAreChecked() throws Exception {
        String bandwidth = "Device.WiFi.Radio.1.OperatingChannelBandwidth";
        CpeFaultException e = catchThrowableOfType(CpeFaultException.class, () -> model.setParameterValues(
                List.of(pv(bandwidth, "3MHz", "xsd:string")), ""));
        assertThat(e.fault().setParameterValuesFaults()).singleElement().satisfies(f -> {
            assertThat(f.faultCode()).isEqualTo(9007);
            assertThat(f.faultString()).contains("is not one of");
        });
        model.setParameterValues(List.of(pv(bandwidth, "40MHz", "xsd:string")), "");
        assertThat(model.value(bandwidth)).isEqualTo("40MHz");
    }

    @Test
    void setRefusesDuplicatesAndOverlongKeys() {
        assertThat(faultCode(() -> model.setParameterValues(List.of(
                pv("Device.DeviceInfo.ProvisioningCode", "a", null), pv("Device.DeviceInfo.ProvisioningCode", "b", null)), ""))).isEqualTo(9003);
        assertThat(faultCode(() -> model.setParameterValues(List.of(
                pv("Device.DeviceInfo.ProvisioningCode", "a", null)), "k".repeat(33)))).isEqualTo(9003);
        assertThat(model.value("Device.DeviceInfo.ProvisioningCode")).isEmpty();
    }

    @Test
    void theDeviceItselfMaySetReadOnlyValuesButNotComputedOnes() {
        model.setValue("Device.DeviceInfo.SoftwareVersion", "9.9", ChangeOrigin.LOCAL);
        assertThat(model.value("Device.DeviceInfo.SoftwareVersion")).isEqualTo("9.9");
        assertThatThrownBy(() -> model.setValue("Device.IP.InterfaceNumberOfEntries", "5", ChangeOrigin.LOCAL))
                .hasMessageContaining("computed");
        assertThatThrownBy(() -> model.setValue("Device.Nope", "1", ChangeOrigin.LOCAL)).hasMessageContaining("no such parameter");
        assertThatThrownBy(() -> model.setValue(MS + "PeriodicInformInterval", "0", ChangeOrigin.LOCAL)).hasMessageContaining("not in");
    }

    // ---- attributes ----

    @Test
    void attributesStartFromTheSchemaAndChangeAsTheAcsAsks() throws Exception {
        assertThat(model.getParameterAttributes(List.of(MS + "ConnectionRequestURL", MS + "ConnReqJabberID", "Device.DeviceInfo.SoftwareVersion", MS + "URL")))
                .containsExactly(new ParameterAttributeStruct(MS + "ConnectionRequestURL", 2, List.of()),
                        new ParameterAttributeStruct(MS + "ConnReqJabberID", 2, List.of()),
                        new ParameterAttributeStruct("Device.DeviceInfo.SoftwareVersion", 2, List.of()),
                        new ParameterAttributeStruct(MS + "URL", 0, List.of()));
        model.setParameterAttributes(List.of(notification("Device.WiFi.SSID.1.SSID", 2),
                new SetParameterAttributesStruct(MS + "URL", true, 1, true, List.of("Subscriber")),
                notification(MS + "ConnReqJabberID", 0)));
        assertThat(model.getParameterAttributes(List.of("Device.WiFi.SSID.1.SSID", MS + "URL", MS + "ConnReqJabberID")))
                .containsExactly(new ParameterAttributeStruct("Device.WiFi.SSID.1.SSID", 2, List.of()),
                        new ParameterAttributeStruct(MS + "URL", 1, List.of("Subscriber")),
                        new ParameterAttributeStruct(MS + "ConnReqJabberID", 0, List.of()));
        assertThat(model.getParameterAttributes(List.of("Device.Time."))).hasSize(5);
        assertThat(faultCode(() -> model.getParameterAttributes(List.of("Device.Nope.")))).isEqualTo(9005);
    }

    @Test
    void notificationsTheSchemaForbidsAreRejectedWith9009AndNothingChanges() throws Exception {
        ModelState before = model.snapshot();
        // UpTime is canDeny: no active notification.
        assertThat(faultCode(() -> model.setParameterAttributes(List.of(notification("Device.WiFi.SSID.1.SSID", 1),
                notification("Device.DeviceInfo.UpTime", 2))))).isEqualTo(9009);
        // SoftwareVersion is forceEnabled: always active.
        assertThat(faultCode(() -> model.setParameterAttributes(List.of(notification("Device.DeviceInfo.SoftwareVersion", 0))))).isEqualTo(9009);
        assertThat(faultCode(() -> model.setParameterAttributes(List.of(notification(MS + "URL", 3))))).isEqualTo(9009);
        assertThat(faultCode(() -> model.setParameterAttributes(List.of(notification(MS + "URL", 7))))).isEqualTo(9003);
        assertThat(faultCode(() -> model.setParameterAttributes(List.of(notification("Device.Nope", 1))))).isEqualTo(9005);
        assertThat(faultCode(() -> model.setParameterAttributes(List.of(
                new SetParameterAttributesStruct(MS + "URL", false, 0, true, List.of("Everyone")))))).isEqualTo(9003);
        assertThat(model.snapshot()).isEqualTo(before);
        // Passive is always allowed, canDeny included.
        model.setParameterAttributes(List.of(notification("Device.DeviceInfo.UpTime", 1)));
        assertThat(model.notification("Device.DeviceInfo.UpTime")).isEqualTo(1);
    }

    @Test
    void belowAPartialPathParametersThatCannotChangeKeepTheirNotification() throws Exception {
        model.setParameterAttributes(List.of(notification("Device.DeviceInfo.", 2)));
        assertThat(model.notification("Device.DeviceInfo.ModelName")).isEqualTo(2);
        assertThat(model.notification("Device.DeviceInfo.UpTime")).as("canDeny").isZero();
        model.setParameterAttributes(List.of(notification("Device.DeviceInfo.", 0)));
        assertThat(model.notification("Device.DeviceInfo.ModelName")).isZero();
        assertThat(model.notification("Device.DeviceInfo.SoftwareVersion")).as("forceEnabled").isEqualTo(2);
    }

    // ---- AddObject / DeleteObject ----

    @Test
    void addObjectNumbersInstancesOnwardsAndNeverReusesANumber() throws Exception {
        assertThat(model.addObject("Device.IP.Interface.", "add-1")).isEqualTo(3);
        assertThat(model.value(MS + "ParameterKey")).isEqualTo("add-1");
        assertThat(model.value("Device.IP.InterfaceNumberOfEntries")).isEqualTo("3");
        // The new instance has the profile's values, its single objects and its (empty) tables.
        assertThat(model.value("Device.IP.Interface.3.Enable")).isEqualTo("false");
        assertThat(model.value("Device.IP.Interface.3.MaxMTUSize")).isEqualTo("1500");
        assertThat(model.value("Device.IP.Interface.3.Alias")).isEqualTo("cpe-3");
        assertThat(model.contains("Device.IP.Interface.3.Stats.")).isTrue();
        assertThat(model.getParameterNames("Device.IP.Interface.3.IPv4Address.", true)).isEmpty();
        assertThat(model.addObject("Device.IP.Interface.3.IPv4Address.", "")).isEqualTo(1);

        model.deleteObject("Device.IP.Interface.3.", "del-1");
        assertThat(model.value(MS + "ParameterKey")).isEqualTo("del-1");
        assertThat(model.contains("Device.IP.Interface.3.")).isFalse();
        assertThat(model.contains("Device.IP.Interface.3.IPv4Address.1.IPAddress")).isFalse();
        assertThat(model.value("Device.IP.InterfaceNumberOfEntries")).isEqualTo("2");
        assertThat(model.addObject("Device.IP.Interface.", "")).isEqualTo(4);
    }

    @Test
    void addAndDeleteObjectFaultFor9005() {
        assertThat(faultCode(() -> model.addObject("Device.DeviceInfo.", ""))).as("not a table").isEqualTo(9005);
        assertThat(faultCode(() -> model.addObject("Device.IP.Interface.1.", ""))).as("an instance").isEqualTo(9005);
        assertThat(faultCode(() -> model.addObject("Device.Hosts.Host.", ""))).as("not createable").isEqualTo(9005);
        assertThat(faultCode(() -> model.addObject("Device.DSL.Line.", ""))).as("not supported").isEqualTo(9005);
        assertThat(faultCode(() -> model.deleteObject("Device.IP.Interface.9.", ""))).isEqualTo(9005);
        assertThat(faultCode(() -> model.deleteObject("Device.IP.Interface.", ""))).isEqualTo(9005);
        assertThat(faultCode(() -> model.deleteObject("Device.Hosts.Host.1.", ""))).as("not deletable").isEqualTo(9005);
        assertThat(faultCode(() -> model.addObject("Device.IP.Interface.", "k".repeat(33)))).isEqualTo(9003);
        assertThat(model.value("Device.IP.InterfaceNumberOfEntries")).isEqualTo("2");
        assertThat(model.value(MS + "ParameterKey")).isEmpty();
    }

    @Test
    void aFullTableAnswers9004() throws Exception {
        DataModel ghn = new DataModel(DeviceProfileTest.read("{'profile':'p','schema':'tr-181-2-17','objects':{"
                + "'Device.':{},'Device.Ghn.':{'InterfaceNumberOfEntries':null},'Device.Ghn.Interface.{i}.':{'SMMaskedBandNumberOfEntries':null},"
                + "'Device.Ghn.Interface.{i}.SMMaskedBand.{i}.':{'Enable':null,'BandNumber':null}},"
                + "'instances':{'Device.Ghn.Interface.1.':{}}}"));
        for (int i = 1; i <= 32; i++) {
            assertThat(ghn.addObject("Device.Ghn.Interface.1.SMMaskedBand.", "")).isEqualTo(i);
        }
        assertThat(faultCode(() -> ghn.addObject("Device.Ghn.Interface.1.SMMaskedBand.", ""))).isEqualTo(9004);
        assertThat(ghn.value("Device.Ghn.Interface.1.SMMaskedBandNumberOfEntries")).isEqualTo("32");
    }

    @Test
    void theDeviceAddsAndDeletesInstancesOfTablesTheAcsCannot() {
        String host = model.addInstance("Device.Hosts.Host.", Map.of("HostName", "phone", "IPAddress", "192.168.1.101"), ChangeOrigin.LOCAL);
        assertThat(host).isEqualTo("Device.Hosts.Host.2.");
        assertThat(model.value("Device.Hosts.Host.2.HostName")).isEqualTo("phone");
        assertThat(model.value("Device.Hosts.HostNumberOfEntries")).isEqualTo("2");
        assertThatThrownBy(() -> model.addInstance("Device.Hosts.Host.", Map.of("Colour", "red"), ChangeOrigin.LOCAL))
                .hasMessageContaining("Colour");
        model.deleteInstance(host, ChangeOrigin.LOCAL);
        assertThat(model.value("Device.Hosts.HostNumberOfEntries")).isEqualTo("1");
    }

    // ---- persistence ----

    @Test
    void aSnapshotRestoresInstancesValuesAttributesAndNumbering() throws Exception {
        model.addObject("Device.IP.Interface.", "");
        model.addObject("Device.IP.Interface.3.IPv4Address.", "");
        model.deleteObject("Device.IP.Interface.1.", "");
        model.setParameterValues(List.of(pv("Device.IP.Interface.3.IPv4Address.1.IPAddress", "10.0.0.1", null)), "k");
        model.setParameterAttributes(List.of(notification("Device.IP.Interface.3.Enable", 1)));
        ModelState state = model.snapshot();

        DataModel again = new DataModel(DeviceProfile.load(DeviceProfile.HOME_GATEWAY));
        assertThat(again.restore(state)).isEmpty();
        assertThat(again.snapshot()).isEqualTo(state);
        assertThat(again.contains("Device.IP.Interface.1.")).isFalse();
        assertThat(again.value("Device.IP.Interface.3.IPv4Address.1.IPAddress")).isEqualTo("10.0.0.1");
        assertThat(again.notification("Device.IP.Interface.3.Enable")).isEqualTo(1);
        assertThat(again.addObject("Device.IP.Interface.", "")).isEqualTo(4);

        again.reset();
        assertThat(again.contains("Device.IP.Interface.1.")).isTrue();
        assertThat(again.contains("Device.IP.Interface.3.")).isFalse();
        assertThat(again.notification("Device.IP.Interface.1.Enable")).isZero();
        assertThat(again.value(MS + "ParameterKey")).isEmpty();
    }

    @Test
    void restoreSkipsWhatNoLongerFits() throws Exception {
        Set<String> skipped = model.restore(new ModelState(null, Map.of(), Map.of(MS + "URL", "http://acs/",
                "Device.DeviceInfo.UpTime", "5", "Device.Gone", "x", MS + "PeriodicInformInterval", "0"),
                Map.of("Device.DeviceInfo.UpTime", new ParameterAttributes(2, List.of()))));
        assertThat(skipped).containsExactlyInAnyOrder("Device.Gone", MS + "PeriodicInformInterval", "Device.DeviceInfo.UpTime");
        assertThat(model.value(MS + "URL")).isEqualTo("http://acs/");
        assertThat(model.contains("Device.IP.Interface.2.")).as("no saved instances: the profile's").isTrue();

        assertThat(model.restore(new ModelState(List.of("Device.IP.Interface.5.", "Device.DSL.Line.1.",
                "Device.IP.Interface.6.IPv4Address.1."), Map.of(), Map.of(), Map.of())))
                .containsExactlyInAnyOrder("Device.DSL.Line.1.", "Device.IP.Interface.6.IPv4Address.1.");
        assertThat(model.getParameterNames("Device.IP.Interface.", true)).extracting(ParameterInfoStruct::name)
                .containsExactly("Device.IP.Interface.5.");
    }

    @Test
    void informParametersAreTheForcedOnesThenTheChangedOnes() {
        List<ParameterValueStruct> forced = model.informParameters(List.of());
        assertThat(forced).extracting(ParameterValueStruct::name).containsExactly(
                "Device.RootDataModelVersion", "Device.DeviceInfo.HardwareVersion", "Device.DeviceInfo.SoftwareVersion",
                "Device.DeviceInfo.ProvisioningCode", MS + "ParameterKey", MS + "ConnectionRequestURL", MS + "AliasBasedAddressing");
        assertThat(model.informParameters(List.of("Device.WiFi.SSID.1.SSID", "Device.DeviceInfo.SoftwareVersion", "Device.Gone")))
                .extracting(ParameterValueStruct::name).hasSize(forced.size() + 1).endsWith("Device.WiFi.SSID.1.SSID");
    }
}
