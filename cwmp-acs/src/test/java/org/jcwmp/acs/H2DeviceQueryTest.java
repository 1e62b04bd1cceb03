package org.jcwmp.acs;

class H2DeviceQueryTest extends DeviceQueryTest {
    @Override
    String store() {
        return "h2";
    }
}
