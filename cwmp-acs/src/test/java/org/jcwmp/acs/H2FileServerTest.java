package org.jcwmp.acs;

class H2FileServerTest extends FileServerTest {
    @Override
    String store() {
        return "h2";
    }
}
