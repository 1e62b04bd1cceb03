package org.jcwmp.cpe.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.jcwmp.core.datamodel.Schema;
import org.jcwmp.cpe.model.DeviceProfile;
import org.junit.jupiter.api.Test;

class GatewayProfileTest {
    @Test
    void theSchemaCarriesTheVendorExtensionInsideTheStandardObject() {
        Schema tr181 = Schema.load(Schema.TR_181);

        assertThat(tr181.object(GatewayProfile.ITEM)).hasValueSatisfying(o -> assertThat(o.multiInstance()).isFalse());
        assertThat(tr181.object(GatewayProfile.READING)).hasValueSatisfying(o -> {
            assertThat(o.multiInstance()).isTrue();
            assertThat(o.writable()).as("readings come from the device, not AddObject").isFalse();
            assertThat(o.numEntriesParameter()).isEqualTo(GatewayProfile.ITEM + "ReadingNumberOfEntries");
        });
        assertThat(tr181.parameter(GatewayProfile.ITEM + "Enable").orElseThrow().writable()).isTrue();
        assertThat(tr181.parameter(GatewayProfile.ITEM + "ReadingInterval").orElseThrow().checkValue("0")).isPresent();
        assertThat(tr181.parameter(GatewayProfile.READING + "Value").orElseThrow().writable()).isFalse();
        // the standard part is untouched
        assertThat(tr181.parameter(GatewayProfile.EMBEDDED_DEVICE + "ProxiedDeviceID")).isPresent();
    }

    @Test
    void theGatewayProfileIsTheHomeGatewaysPlusTheProxiedDevices() {
        DeviceProfile gateway = GatewayProfile.load();
        DeviceProfile home = DeviceProfile.load(DeviceProfile.HOME_GATEWAY);

        assertThat(gateway.name()).isEqualTo(GatewayProfile.NAME);
        assertThat(gateway.objects().keySet()).containsAll(home.objects().keySet())
                .contains(GatewayProfile.EMBEDDED_DEVICE, GatewayProfile.ITEM, GatewayProfile.READING);
        assertThat(gateway.instances()).isEqualTo(home.instances());
        assertThat(gateway.supportsParameter("Device.ManagementServer.EmbeddedDeviceNumberOfEntries")).isTrue();
        assertThat(home.supports(GatewayProfile.EMBEDDED_DEVICE)).isFalse();
    }
}
