package org.jcwmp.cpe.session;

import java.net.URI;

/** Where and as whom the CPE opens a session: ManagementServer.URL, Username and Password. */
public record ManagementServer(URI url, String username, String password) {
    @Override
    public String toString() {
        return "ManagementServer[url=" + url + ", username=" + username + ", password=***]";
    }
}
