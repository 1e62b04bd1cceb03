package org.jcwmp.core.datamodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {
    private final Schema tr181 = Schema.load(Schema.TR_181);
    private final Schema tr098 = Schema.load(Schema.TR_098);

    @Test
    void bothModelsLoadWithTheirRootsAndSizes() {
        assertThat(tr181.rootObject()).isEqualTo("Device.");
        assertThat(tr181.modelName()).isEqualTo("Device:2.17");
        assertThat(tr181.objects()).hasSizeGreaterThan(780);
        assertThat(tr181.parameterCount()).isGreaterThan(6400);
        assertThat(tr098.rootObject()).isEqualTo("InternetGatewayDevice.");
        assertThat(tr098.modelName()).isEqualTo("InternetGatewayDevice:1.14");
        assertThat(tr098.parameterCount()).isGreaterThan(1700);
        assertThat(Schema.load(Schema.TR_181)).isSameAs(tr181);
        assertThatThrownBy(() -> Schema.load("tr-999")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forPathPicksTheModelByItsRoot() {
        assertThat(Schema.forPath("Device.IP.Interface.1.Enable")).isSameAs(tr181);
        assertThat(Schema.forPath("InternetGatewayDevice.")).isSameAs(tr098);
        assertThatThrownBy(() -> Schema.forPath("Devices.X")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void instancePathsAndAliasesMapToSchemaPaths() {
        assertThat(Schema.schemaPath("Device.IP.Interface.3.IPv4Address.12.IPAddress"))
                .isEqualTo("Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress");
        assertThat(Schema.schemaPath("Device.IP.Interface.[wan].")).isEqualTo("Device.IP.Interface.{i}.");
        assertThat(Schema.schemaPath("Device.DeviceInfo.")).isEqualTo("Device.DeviceInfo.");
        assertThat(tr181.parameter("Device.IP.Interface.3.IPv4Address.1.IPAddress")).get()
                .extracting(ParameterSchema::path).isEqualTo("Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress");
        assertThat(tr181.parameter("Device.IP.Interface.3.")).isEmpty();
        assertThat(tr181.parameter("Device.IP.Interface.3.Nope")).isEmpty();
        assertThat(tr181.object("Device.IP.Interface.3.Enable")).isEmpty();
    }

    @Test
    void objectsKnowTheirTablesAndCounters() {
        ObjectSchema ip = tr181.object("Device.IP.Interface.7.").orElseThrow();
        assertThat(ip.path()).isEqualTo("Device.IP.Interface.{i}.");
        assertThat(ip.multiInstance()).isTrue();
        assertThat(ip.writable()).isTrue();
        assertThat(ip.maxEntries()).isEqualTo(ObjectSchema.UNBOUNDED);
        assertThat(ip.tablePath()).isEqualTo("Device.IP.Interface.");
        assertThat(ip.parentPath()).isEqualTo("Device.IP.");
        assertThat(ip.numEntriesParameter()).isEqualTo("Device.IP.InterfaceNumberOfEntries");
        // The table path itself resolves to its multi-instance object (AddObject's ObjectName).
        assertThat(tr181.object("Device.IP.Interface.")).contains(ip);

        ObjectSchema hosts = tr181.object("Device.Hosts.Host.{i}.").orElseThrow();
        assertThat(hosts.writable()).as("hosts are found, not created").isFalse();
        ObjectSchema info = tr181.object("Device.DeviceInfo.").orElseThrow();
        assertThat(info.multiInstance()).isFalse();
        assertThat(info.tablePath()).isEqualTo("Device.DeviceInfo.");
        assertThat(tr181.childObjectsOf("Device.IP.Interface.2.")).extracting(ObjectSchema::path)
                .contains("Device.IP.Interface.{i}.IPv4Address.{i}.", "Device.IP.Interface.{i}.Stats.");
        assertThat(tr181.parametersOf("Device.IP.Interface.{i}.")).extracting(ParameterSchema::name)
                .startsWith("Enable").contains("Status", "Alias", "Name");
    }

    @Test
    void parametersCarryTypeAccessAndNotificationRules() {
        ParameterSchema key = tr181.parameter("Device.ManagementServer.ParameterKey").orElseThrow();
        assertThat(key.forcedInform()).isTrue();
        assertThat(key.writable()).isFalse();
        assertThat(key.maxLength()).isEqualTo(32);

        ParameterSchema interval = tr181.parameter("Device.ManagementServer.PeriodicInformInterval").orElseThrow();
        assertThat(interval.type()).isEqualTo(ParameterType.UNSIGNED_INT);
        assertThat(interval.xsdType()).isEqualTo("xsd:unsignedInt");
        assertThat(interval.writable()).isTrue();

        ParameterSchema jid = tr181.parameter("Device.ManagementServer.ConnReqJabberID").orElseThrow();
        assertThat(jid.activeNotify()).isEqualTo(ActiveNotify.FORCE_DEFAULT_ENABLED);
        assertThat(tr181.parameter("Device.DeviceInfo.SoftwareVersion").orElseThrow().activeNotify())
                .isEqualTo(ActiveNotify.FORCE_ENABLED);
        assertThat(tr181.parameter("Device.DeviceInfo.UpTime").orElseThrow().activeNotify())
                .isEqualTo(ActiveNotify.CAN_DENY);
        assertThat(tr181.parameter("Device.ManagementServer.Password").orElseThrow().hidden()).isTrue();
        assertThat(tr181.parameter("Device.WiFi.AccessPoint.1.Security.KeyPassphrase").orElseThrow().hidden())
                .as("secured counts as hidden").isTrue();

        // Named data types resolve to their base type and facets.
        ParameterSchema ip = tr181.parameter("Device.IP.Interface.1.IPv4Address.1.IPAddress").orElseThrow();
        assertThat(ip.type()).isEqualTo(ParameterType.STRING);
        assertThat(ip.maxLength()).isEqualTo(15);
        assertThat(tr181.parameter("Device.IP.Interface.1.Stats.BytesSent").orElseThrow().type())
                .isEqualTo(ParameterType.UNSIGNED_LONG);
        // The forced-inform parameters of Device:2, as TR-181 lists them.
        assertThat(tr181.objects().stream().flatMap(o -> tr181.parametersOf(o.path()).stream())
                .filter(ParameterSchema::forcedInform).map(ParameterSchema::path).toList())
                .containsExactlyInAnyOrder("Device.RootDataModelVersion", "Device.DeviceInfo.HardwareVersion",
                        "Device.DeviceInfo.SoftwareVersion", "Device.DeviceInfo.ProvisioningCode",
                        "Device.ManagementServer.ParameterKey", "Device.ManagementServer.ConnectionRequestURL",
                        "Device.ManagementServer.AliasBasedAddressing");
    }

    @Test
    void checkValueAppliesTypeRangeLengthEnumerationAndPattern() {
        ParameterSchema interval = tr181.parameter("Device.ManagementServer.PeriodicInformInterval").orElseThrow();
        assertThat(interval.checkValue("300")).isEmpty();
        assertThat(interval.checkValue("0")).get().asString().contains("not in");
        assertThat(interval.checkValue("often")).get().asString().contains("invalid unsignedInt");
        assertThat(interval.checkValue("4294967296")).isPresent();
        assertThat(interval.canonical(" 0300 ")).isEqualTo("300");

        ParameterSchema multiplier = tr181.parameter("Device.ManagementServer.CWMPRetryIntervalMultiplier").orElseThrow();
        assertThat(multiplier.checkValue("999")).isPresent();
        assertThat(multiplier.checkValue("1000")).isEmpty();

        ParameterSchema enable = tr181.parameter("Device.IP.Interface.1.Enable").orElseThrow();
        assertThat(enable.checkValue("1")).isEmpty();
        assertThat(enable.canonical("1")).isEqualTo("true");
        assertThat(enable.checkValue("yes")).isPresent();

        ParameterSchema status = tr181.parameter("Device.IP.Interface.1.Status").orElseThrow();
        assertThat(status.checkValue("Up")).isEmpty();
        assertThat(status.checkValue("Sideways")).get().asString().contains("not one of");

        ParameterSchema ip = tr181.parameter("Device.IP.Interface.1.IPv4Address.1.IPAddress").orElseThrow();
        assertThat(ip.checkValue("192.168.1.1")).isEmpty();
        assertThat(ip.checkValue("")).isEmpty();
        assertThat(ip.checkValue("192.168.1.256")).get().asString().contains("does not match");

        ParameterSchema code = tr181.parameter("Device.DeviceInfo.ProvisioningCode").orElseThrow();
        assertThat(code.checkValue("x".repeat(64))).isEmpty();
        assertThat(code.checkValue("x".repeat(65))).get().asString().contains("length 65");

        ParameterSchema methods = tr181.parameter("Device.ManagementServer.SupportedConnReqMethods").orElseThrow();
        assertThat(methods.isList()).isTrue();
        assertThat(methods.xsdType()).isEqualTo("xsd:string");
        assertThat(methods.checkValue("HTTP,STUN,XMPP")).isEmpty();
        assertThat(methods.canonical("HTTP, XMPP")).isEqualTo("HTTP,XMPP");
        assertThat(methods.checkValue("HTTP,SMTP")).isPresent();
        assertThat(methods.checkValue("")).isEmpty();

        ParameterSchema jids = tr181.parameter("Device.ManagementServer.ConnReqAllowedJabberIDs").orElseThrow();
        assertThat(jids.checkValue(String.join(",", java.util.Collections.nCopies(33, "a@b")))).get().asString()
                .contains("33 items");
    }

    @Test
    void valuesTakenFromAnotherParametersEnumerationsAreCheckedAgainstThem() {
        ParameterSchema mode = tr181.parameter("Device.WiFi.AccessPoint.1.Security.ModeEnabled").orElseThrow();
        assertThat(mode.enumerations()).contains("None", "WPA2-Personal", "WPA3-Personal");
        assertThat(mode.checkValue("Open")).isPresent();
        // nullValue joins the values.
        assertThat(tr181.parameter("Device.ManagementServer.HTTPCompression").orElseThrow().enumerations()).contains("Disabled", "GZIP");
        assertThat(SchemaImporter.referencedPath("Device.", "Device.WiFi.EndPoint.{i}.Profile.{i}.Security.", "##.Security.ModesSupported"))
                .isEqualTo("Device.WiFi.EndPoint.{i}.Security.ModesSupported");
        assertThat(SchemaImporter.referencedPath("Device.", "Device.XMPP.Connection.{i}.", "#.SupportedServerConnectAlgorithms"))
                .isEqualTo("Device.XMPP.SupportedServerConnectAlgorithms");
        assertThat(SchemaImporter.referencedPath("Device.", "Device.IPsec.Profile.{i}.", ".IPsec.SupportedIntegrityAlgorithms"))
                .isEqualTo("Device.IPsec.SupportedIntegrityAlgorithms");
        assertThat(SchemaImporter.referencedPath("Device.", "Device.WiFi.Radio.{i}.", "SupportedStandards"))
                .isEqualTo("Device.WiFi.Radio.{i}.SupportedStandards");
    }

    @Test
    void readOnlyEnumerationValuesAreRefusedForSetOnly() {
        ParameterSchema state = tr181.parameter("Device.IP.Diagnostics.IPPing.DiagnosticsState").orElseThrow();
        assertThat(state.readOnlyEnumerations()).contains("Complete", "None");
        assertThat(state.checkValue("Complete")).isEmpty();
        assertThat(state.checkSetValue("Complete")).isPresent();
        assertThat(state.checkSetValue("Requested")).isEmpty();
    }

    @Test
    void typesCheckTheirLexicalSpace() {
        assertThat(ParameterType.INT.canonical("-2147483648")).isEqualTo("-2147483648");
        assertThatThrownBy(() -> ParameterType.INT.canonical("2147483648")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ParameterType.UNSIGNED_LONG.canonical("18446744073709551615")).isEqualTo("18446744073709551615");
        assertThatThrownBy(() -> ParameterType.UNSIGNED_LONG.canonical("18446744073709551616"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParameterType.UNSIGNED_INT.canonical("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ParameterType.DATE_TIME.canonical("2025-03-01T10:00:00Z")).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(ParameterType.DATE_TIME.canonical("2025-03-01T10:00:00")).isEqualTo("2025-03-01T10:00:00");
        assertThatThrownBy(() -> ParameterType.DATE_TIME.canonical("tomorrow")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ParameterType.HEX_BINARY.octets("00ff10")).isEqualTo(3);
        assertThatThrownBy(() -> ParameterType.HEX_BINARY.canonical("0g")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ParameterType.BASE64.octets("AAEC")).isEqualTo(3);
        assertThatThrownBy(() -> ParameterType.BASE64.canonical("***")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ParameterType.DECIMAL.canonical("1.50")).isEqualTo("1.50");
        assertThat(ParameterType.ofXsd("xs:boolean")).isEqualTo(ParameterType.BOOLEAN);
        assertThat(ParameterType.ofXsd("base64Binary")).isEqualTo(ParameterType.BASE64);
        assertThat(ParameterType.ofXsd("xsd:float")).isNull();
    }

    @Test
    void activeNotifyRules() {
        assertThat(ActiveNotify.NORMAL.allows(2)).isTrue();
        assertThat(ActiveNotify.CAN_DENY.allows(2)).isFalse();
        assertThat(ActiveNotify.CAN_DENY.allows(1)).isTrue();
        assertThat(ActiveNotify.FORCE_ENABLED.allows(0)).isFalse();
        assertThat(ActiveNotify.FORCE_ENABLED.allows(2)).isTrue();
        assertThat(ActiveNotify.FORCE_DEFAULT_ENABLED.defaultNotification()).isEqualTo(2);
        assertThat(ActiveNotify.NORMAL.allows(3)).isFalse();
    }

    @Test
    void theTextFormRoundTrips() throws Exception {
        for (String name : Schema.names()) {
            String committed;
            try (InputStream in = Schema.class.getResourceAsStream("/datamodel/" + name + ".schema")) {
                committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Schema schema = SchemaFormat.read(name, new BufferedReader(new InputStreamReader(
                    new java.io.ByteArrayInputStream(committed.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)));
            List<String> header = committed.lines().skip(1).takeWhile(l -> l.startsWith("#"))
                    .map(l -> l.length() > 2 ? l.substring(2) : "").toList();
            assertThat(SchemaFormat.write(schema, header)).isEqualTo(committed);
        }
        assertThat(SchemaFormat.decode(SchemaFormat.encode("a|b%c\td"))).isEqualTo("a|b%c\td");
        assertThat(SchemaFormat.encode("a|b")).isEqualTo("a%7Cb");
    }
}
