package org.jcwmp.cpe.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile gateway configuration files (issue 9): a file is refused with InvalidConfigurationException naming its
 * problems, or read into a configuration that writes back to JSON reading the same. Seeds in
 * src/test/resources/org/jcwmp/cpe/gateway/GatewayConfigurationFuzzTestInputs/parse.
 */
class GatewayConfigurationFuzzTest {
    private static final GatewayDrivers DRIVERS = GatewayDrivers.load();

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] json) throws Exception {
        GatewayConfiguration config;
        try {
            config = GatewayConfiguration.parse(json, DRIVERS);
        } catch (GatewayConfiguration.InvalidConfigurationException refused) {
            assertThat(refused.problems()).isNotEmpty();
            return;
        }
        assertThat(GatewayConfiguration.parse(config.toJson(), DRIVERS)).isEqualTo(config);
    }
}
