package org.jcwmp.acs;

class PostgresFileServerTest extends FileServerTest {
    @Override
    String store() {
        return "postgresql";
    }
}
