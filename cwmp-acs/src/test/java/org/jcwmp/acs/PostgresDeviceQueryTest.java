package org.jcwmp.acs;

class PostgresDeviceQueryTest extends DeviceQueryTest {
    @Override
    String store() {
        return "postgresql";
    }
}
