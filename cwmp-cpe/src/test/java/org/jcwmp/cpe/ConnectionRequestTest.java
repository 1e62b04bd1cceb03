package org.jcwmp.cpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jcwmp.cpe.AgentTestSupport.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.jcwmp.core.rpc.EventStruct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP connection request listener, driven the way an ACS does it: HttpClient 5 with Digest. */
class ConnectionRequestTest {
    @TempDir
    Path state;
    private final FakeAcs acs = new FakeAcs().user("cpe", "s3cret");
    private final RecordingListener events = new RecordingListener();
    private CpeAgent agent;

    ConnectionRequestTest() throws Exception {
    }

    @BeforeEach
    void startAgentAndLetItBootstrap() {
        agent = agent(acs.url(), state).build();
        agent.addListener(events);
        agent.start();
        events.awaitOkSessions(1);
    }

    @AfterEach
    void stop() {
        agent.stop();
        acs.close();
    }

    /** Status and body of one connection request. */
    private static String[] get(URI url, String user, String password) throws Exception {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        if (user != null) {
            credentials.setCredentials(new AuthScope(null, -1), new UsernamePasswordCredentials(user, password.toCharArray()));
        }
        try (CloseableHttpClient client = HttpClients.custom().setDefaultCredentialsProvider(credentials).build()) {
            return client.execute(new HttpGet(url), response -> new String[] {
                    Integer.toString(response.getCode()),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity())});
        }
    }

    @Test
    void validDigestGets200AndASessionWithConnectionRequest() throws Exception {
        URI url = agent.connectionRequestUrl();
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(url.getPath()).matches("/cr/[0-9a-f]{24}");

        assertThat(get(url, "cruser", "crpass")).containsExactly("200", "");
        events.awaitOkSessions(2);
        assertThat(acs.informs.get(1).event()).containsExactly(new EventStruct("6 CONNECTION REQUEST", ""));
        assertThat(events.connectionRequests).containsExactly(true);
        // and no extra, empty session after it
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> acs.informs.size() == 2);
    }

    @Test
    void wrongPasswordGets401AndNoSession() throws Exception {
        assertThat(get(agent.connectionRequestUrl(), "cruser", "wrong")[0]).isEqualTo("401");
        assertThat(get(agent.connectionRequestUrl(), "someone", "crpass")[0]).isEqualTo("401");
        assertThat(get(agent.connectionRequestUrl(), null, null)[0]).isEqualTo("401");
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .until(() -> acs.informs.size() == 1 && events.sessionsStarted.size() == 1);
        assertThat(events.connectionRequests).containsExactly(false, false);
    }

    @Test
    void otherPathsAre404() throws Exception {
        URI url = agent.connectionRequestUrl();
        assertThat(get(url.resolve("/cr/guess"), "cruser", "crpass")[0]).isEqualTo("404");
        assertThat(get(url.resolve("/"), "cruser", "crpass")[0]).isEqualTo("404");
    }

    @Test
    void tooManyRequestsGet503() throws Exception {
        // a burst, as from a misbehaving ACS or an attacker
        List<Future<String[]>> answers = new ArrayList<>();
        try (ExecutorService burst = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                answers.add(burst.submit(() -> get(agent.connectionRequestUrl(), "cruser", "crpass")));
            }
        }
        List<String> codes = new ArrayList<>();
        for (Future<String[]> a : answers) {
            codes.add(a.get()[0]);
        }
        assertThat(codes).contains("200", "503").containsOnly("200", "503");
        assertThat(events.connectionRequests).contains(true, false);
        // accepted requests collapse into one pending 6 CONNECTION REQUEST; sessions still happen
        events.awaitOkSessions(2);
        assertThat(acs.informs.get(1).event()).containsExactly(new EventStruct("6 CONNECTION REQUEST", ""));
    }
}
