package org.jcwmp.cpe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jcwmp.core.datamodel.Schema;
import org.jcwmp.core.rpc.ParameterInfoStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceProfileTest {

    static DeviceProfile read(String json) throws Exception {
        return DeviceProfile.read(new ByteArrayInputStream(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {DeviceProfile.HOME_GATEWAY, DeviceProfile.LEGACY_GATEWAY})
    void shippedProfilesFitTheirSchemaAndAnswerAFullGetParameterNames(String name) throws Exception {
        DeviceProfile profile = DeviceProfile.load(name);
        DataModel model = new DataModel(profile);
        List<ParameterInfoStruct> all = model.getParameterNames("", false);
        assertThat(all.getFirst().name()).isEqualTo(profile.rootObject());
        assertThat(all).hasSizeGreaterThan(150);
        // Every name the tree answers with is a path of the standard model, and every value fits it.
        for (ParameterInfoStruct info : all) {
            if (info.name().endsWith(".")) {
                assertThat(profile.schema().object(info.name())).as(info.name()).isPresent();
            } else {
                assertThat(profile.schema().parameter(info.name())).as(info.name()).isPresent();
            }
        }
        for (ParameterValueStruct v : model.getParameterValues(List.of(""))) {
            if (!model.parameterSchema(v.name()).hidden()) {
                assertThat(profile.schema().parameter(v.name()).orElseThrow().checkValue(v.value())).as(v.name()).isEmpty();
            }
        }
        // NextLevel from the top gives the root object alone.
        assertThat(model.getParameterNames("", true)).containsExactly(new ParameterInfoStruct(profile.rootObject(), false));
    }

    @Test
    void theHomeGatewayHasTheObjectsItPromises() throws Exception {
        DataModel model = new DataModel(DeviceProfile.load(DeviceProfile.HOME_GATEWAY));
        assertThat(model.root()).isEqualTo("Device.");
        for (String path : List.of("Device.DeviceInfo.", "Device.ManagementServer.", "Device.Time.", "Device.IP.Interface.1.",
                "Device.IP.Interface.2.IPv4Address.1.", "Device.Ethernet.Interface.2.", "Device.WiFi.Radio.2.",
                "Device.WiFi.SSID.1.", "Device.WiFi.AccessPoint.1.Security.", "Device.Hosts.Host.1.",
                "Device.DHCPv4.Server.Pool.1.", "Device.XMPP.Connection.1.", "Device.XMPP.Connection.1.Server.1.",
                "Device.SoftwareModules.ExecEnv.1.", "Device.SoftwareModules.DeploymentUnit.")) {
            assertThat(model.contains(path)).as(path).isTrue();
        }
        for (String p : List.of("STUNEnable", "STUNServerAddress", "STUNServerPort", "STUNUsername", "STUNPassword",
                "STUNMinimumKeepAlivePeriod", "STUNMaximumKeepAlivePeriod", "NATDetected", "UDPConnectionRequestAddress",
                "ConnReqXMPPConnection", "ConnReqAllowedJabberIDs", "ConnReqJabberID", "SupportedConnReqMethods")) {
            assertThat(model.contains("Device.ManagementServer." + p)).as(p).isTrue();
        }
        assertThat(model.value("Device.ManagementServer.SupportedConnReqMethods")).isEqualTo("HTTP,STUN,XMPP");
        assertThat(model.value("Device.IP.InterfaceNumberOfEntries")).isEqualTo("2");
        assertThat(model.value("Device.IP.Interface.1.IPv4Address.1.IPAddress")).isEqualTo("203.0.113.10");
        assertThat(model.value("Device.RootDataModelVersion")).isEqualTo("2.17");
    }

    @Test
    void theLegacyGatewayIsAnInternetGatewayDevice() throws Exception {
        DataModel model = new DataModel(DeviceProfile.load(DeviceProfile.LEGACY_GATEWAY));
        assertThat(model.root()).isEqualTo("InternetGatewayDevice.");
        assertThat(model.schema()).isSameAs(Schema.load(Schema.TR_098));
        assertThat(model.value("InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress"))
                .isEqualTo("203.0.113.20");
        assertThat(model.contains("InternetGatewayDevice.LANDevice.1.LANHostConfigManagement.")).isTrue();
        assertThat(model.contains("InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID")).isTrue();
        assertThat(model.contains("InternetGatewayDevice.Layer3Forwarding.Forwarding.1.")).isTrue();
        assertThat(model.value("InternetGatewayDevice.LANDeviceNumberOfEntries")).isEqualTo("1");
        // TR-098 also forces the WAN's external address into every Inform.
        assertThat(model.informParameters(List.of())).extracting(ParameterValueStruct::name)
                .contains("InternetGatewayDevice.DeviceSummary", "InternetGatewayDevice.DeviceInfo.SoftwareVersion",
                        "InternetGatewayDevice.ManagementServer.ConnectionRequestURL",
                        "InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress");
    }

    @Test
    void unknownPathsAndBadValuesAreNamed() {
        assertThatThrownBy(() -> read("{'profile':'p','schema':'tr-181-2-17','objects':{"
                + "'Device.':{'RootDataModelVersion':'2.17'},"
                + "'Device.Nope.':{},"
                + "'Device.DeviceInfo.':{'Manufacturer':'x','Colour':'red','UpTime':'-1'},"
                + "'Device.IP.Interface.{i}.':{'Enable':'maybe'}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("profile p does not fit tr-181-2-17")
                .hasMessageContaining("unknown object Device.Nope.")
                .hasMessageContaining("unknown parameter Device.DeviceInfo.Colour")
                .hasMessageContaining("Device.DeviceInfo.UpTime")
                .hasMessageContaining("Device.IP.Interface.{i}. comes before (or without) its parent Device.IP.")
                .hasMessageContaining("Device.IP.Interface.{i}.Enable: invalid boolean: maybe");
        assertThatThrownBy(() -> read("{'profile':'p','schema':'tr-181-2-17','objects':{'Device.':{}},"
                + "'instances':{'Device.IP.Interface.1.':{}}}"))
                .hasMessageContaining("instance Device.IP.Interface.1. is not of a supported object");
        assertThatThrownBy(() -> read("{'profile':'p','schema':'tr-999','objects':{}}"))
                .hasMessageContaining("unknown schema tr-999");
        assertThatThrownBy(() -> DeviceProfile.load("toaster")).hasMessageContaining("unknown device profile toaster");
    }

    @Test
    void anInstanceWithoutItsParentIsRefused() throws Exception {
        DeviceProfile p = read("{'profile':'p','schema':'tr-181-2-17','objects':{'Device.':{},'Device.IP.':{},"
                + "'Device.IP.Interface.{i}.':{'Enable':null},'Device.IP.Interface.{i}.IPv4Address.{i}.':{'Enable':null}},"
                + "'instances':{'Device.IP.Interface.1.IPv4Address.1.':{}}}");
        assertThatThrownBy(() -> new DataModel(p)).hasMessageContaining("instance Device.IP.Interface.1.IPv4Address.1. has no parent");
    }

    @Test
    void missingValuesComeFromTheStandardOrTheEmptyValue() throws Exception {
        DeviceProfile p = read("{'profile':'p','schema':'tr-181-2-17','objects':{'Device.':{},"
                + "'Device.ManagementServer.':{'EnableCWMP':null,'PeriodicInformInterval':null,'URL':null,'InstanceMode':null}}}");
        assertThat(p.template("Device.ManagementServer.")).containsEntry("EnableCWMP", "true") // default in the XML
                .containsEntry("PeriodicInformInterval", "1") // 0 is out of range: the range's minimum
                .containsEntry("URL", "")
                .containsEntry("InstanceMode", "InstanceNumber");
    }
}
