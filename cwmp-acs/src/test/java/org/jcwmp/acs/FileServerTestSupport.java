package org.jcwmp.acs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

final class FileServerTestSupport {
    private FileServerTestSupport() {
    }

    /** A device id as one URL path segment. */
    static String path(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
