package org.jcwmp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

/** The shared connection-request listener checks Digest per device and starts nothing on a failed check. */
class ConnectionRequestServerTest {

    @Test
    void digestIsCheckedPerDevice() throws Exception {
        SimContext ctx = new SimContext(SimulatedCpeTest.TEMPLATE, "jcwmp", "00D09E", "SimGateway", "SIM",
                URI.create("http://127.0.0.1:1/"), "cpe", "cpe", "acs", "{serial}-pw");
        SimulatedCpe[] devices = {new SimulatedCpe(ctx, 1), new SimulatedCpe(ctx, 2)};
        List<String> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        try (ConnectionRequestServer server = new ConnectionRequestServer("127.0.0.1", 0, ctx,
                n -> n >= 1 && n <= 2 ? devices[n - 1] : null, c -> accepted.add(c.serialNumber()), refused::incrementAndGet)) {
            server.start();
            ctx.connectionRequestBase(server.baseUrl());
            assertThat(get(devices[1].connectionRequestUrl(), "acs", "SIM000002-pw")).isEqualTo(200);
            assertThat(get(devices[0].connectionRequestUrl(), "acs", "SIM000002-pw")).isEqualTo(401);
            assertThat(get(devices[0].connectionRequestUrl(), "other", "SIM000001-pw")).isEqualTo(401);
            assertThat(get(devices[0].connectionRequestUrl(), null, null)).isEqualTo(401);
            assertThat(get(server.baseUrl() + "SIM000009", "acs", "SIM000009-pw")).isEqualTo(404);
            assertThat(accepted).containsExactly("SIM000002");
            assertThat(refused.get()).isEqualTo(2);
        }
    }

    private static int get(String url, String user, String password) throws Exception {
        BasicCredentialsProvider creds = new BasicCredentialsProvider();
        if (user != null) {
            creds.setCredentials(new AuthScope(null, -1), new UsernamePasswordCredentials(user, password.toCharArray()));
        }
        try (CloseableHttpClient http = HttpClients.custom().setDefaultCredentialsProvider(creds).build()) {
            return http.execute(new HttpGet(url), r -> r.getCode());
        }
    }
}
