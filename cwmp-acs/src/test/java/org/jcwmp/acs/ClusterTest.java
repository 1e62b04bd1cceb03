package org.jcwmp.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import org.jcwmp.acs.auth.Role;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.connreq.ConnectionRequester;
import org.jcwmp.acs.store.Database;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two ACS nodes on one fresh PostgreSQL schema, each with its own connection pool, and scripted CPEs that talk to one
 * node or the other: tasks queued through one node reach the device's session on the other, a device's session moves
 * to the node it last Informed, and a node that dies has its sessions and tasks released by the other.
 */
class ClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "00D09E-Box-C1";
    private static final String GPV = "{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.\"]}";
    private static final Duration HEARTBEAT = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private TestDatabases.TestStore store;
    private Database secondPool;
    private AcsServer a;
    private AcsServer b;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() {
        store = TestDatabases.open("postgresql", dir);
        secondPool = Database.open(((HikariDataSource) store.db().dataSource()).getJdbcUrl(), TestDatabases.PG_USER, "");
        a = node("node-a", store.db());
        b = node("node-b", secondPool);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        a.stop();
        b.stop();
        secondPool.close();
        store.close();
    }

    private static AcsServer node(String id, Database db) {
        return AcsServer.builder().nodeId(id).cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).database(db)
                .cpeCredentials("cpe", "pw").initialAdmin("root", "root-password").passwordHashIterations(1000)
                .clusterHeartbeat(HEARTBEAT).connectionRequestInformWait(Duration.ofSeconds(10)).build().start();
    }

    private ScriptedCpe cpe(AcsServer node) {
        ScriptedCpe c = new ScriptedCpe(node, "cpe", "pw");
        closing.add(c);
        return c;
    }

    private static Inform inform(String event, ParameterValueStruct... contacts) {
        List<ParameterValueStruct> params = new ArrayList<>(List.of(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "1.0", "xsd:string")));
        params.addAll(List.of(contacts));
        return new Inform(new DeviceIdStruct("jcwmp", "00D09E", "Box", "C1"), List.of(new EventStruct(event, "")), 1,
                "2026-11-21T10:00:00Z", 0, params);
    }

    /** Answers the GetParameterValues the ACS sent in request. */
    private static Envelope answer(Envelope request) {
        assertThat(request.body()).isInstanceOf(GetParameterValues.class);
        return Envelope.of(CwmpVersion.V1_2, request.id(), new GetParameterValuesResponse(List.of(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "1.0", "xsd:string"))));
    }

    /** A connection-request listener (no Digest: the test checks where requests go, not how) that runs onRequest. */
    private String connectionRequestUrl(AtomicInteger received, ThrowingRunnable onRequest) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cr", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            Thread.ofVirtual().start(() -> {
                try {
                    onRequest.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        });
        server.start();
        closing.add(() -> server.stop(0));
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cr";
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private String operatorToken(AcsServer node) {
        node.auth().putUser("olga", "operator-pw", Role.OPERATOR);
        return node.auth().createToken("olga", "t", null).secret();
    }

    private String sessionOwner() throws Exception {
        try (Connection c = store.db().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select node_id from device_session where device_id = ?")) {
            ps.setString(1, ID);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private boolean nodeBAdvertisesXmpp() throws Exception {
        try (Connection c = store.db().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select xmpp from acs_node where id = 'node-b'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    @Test
    void aTaskQueuedThroughNodeARunsInTheSessionTheDeviceOpensOnNodeB() throws Exception {
        ScriptedCpe toB = cpe(b);
        AtomicInteger crs = new AtomicInteger();
        String crUrl = connectionRequestUrl(crs, () -> {
            toB.post(inform("6 CONNECTION REQUEST"));
            assertThat(toB.post(answer(toB.postEmpty()))).isNull();
        });
        toB.post(inform("1 BOOT", new ParameterValueStruct("Device.ManagementServer.ConnectionRequestURL", crUrl,
                "xsd:string")));
        assertThat(toB.postEmpty()).isNull();

        NbiClient.Answer answer = new NbiClient(a).as(operatorToken(a), "POST",
                "/devices/" + ID + "/tasks?connection_request&timeout=15000", GPV);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().path("status").asText()).isEqualTo("done");
        JsonNode cr = answer.body().path("connectionRequest");
        assertThat(cr.path("mechanism").asText()).isEqualTo("http");
        // node A learned of the Inform on node B: it did not wait out its 10 s for one
        assertThat(cr.has("informAfterMillis")).as(cr.toString()).isTrue();
        assertThat(crs).hasValue(1);
        assertThat(b.tasks().find(answer.body().path("id").asLong()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void aTaskQueuedThroughNodeAForADeviceInSessionOnNodeBIsTakenThereWithoutAConnectionRequest() throws Exception {
        ScriptedCpe toB = cpe(b);
        AtomicInteger crs = new AtomicInteger();
        String crUrl = connectionRequestUrl(crs, () -> { });
        toB.post(inform("1 BOOT", new ParameterValueStruct("Device.ManagementServer.ConnectionRequestURL", crUrl,
                "xsd:string")));
        assertThat(sessionOwner()).isEqualTo("node-b");

        String token = operatorToken(a);
        List<NbiClient.Answer> answers = new CopyOnWriteArrayList<>();
        Thread call = Thread.ofVirtual().start(() -> {
            try {
                answers.add(new NbiClient(a).as(token, "POST", "/devices/" + ID + "/tasks?connection_request&timeout=15000",
                        GPV));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the device, still in its session on B, takes the task at its next empty POST there
        await().atMost(10, TimeUnit.SECONDS).until(() -> a.tasks().hasQueued(ID));
        assertThat(toB.post(answer(toB.postEmpty()))).isNull();
        call.join(Duration.ofSeconds(15));

        assertThat(answers).hasSize(1);
        NbiClient.Answer answer = answers.getFirst();
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().path("status").asText()).isEqualTo("done");
        assertThat(answer.body().path("connectionRequest").path("detail").asText())
                .isEqualTo("the device was in a session already");
        assertThat(crs).hasValue(0);
    }

    @Test
    void theNewestInformWinsTheNodeThatHadTheSessionSendsNothingMore() throws Exception {
        List<String> endedOnB = new CopyOnWriteArrayList<>();
        b.addListener(new AcsListener() {
            @Override
            public void sessionEnded(String deviceId) {
                endedOnB.add(deviceId);
            }
        });
        ScriptedCpe toB = cpe(b);
        toB.post(inform("1 BOOT"));
        Task task = b.tasks().queue(ID, JSON.readTree(GPV));
        Envelope sentByB = toB.postEmpty(); // in flight on B, never answered there
        assertThat(sentByB.body()).isInstanceOf(GetParameterValues.class);
        assertThat(sessionOwner()).isEqualTo("node-b");
        var waiter = b.tasks().whenFinished(task.id());

        // the device gave up on B (a restart, a load balancer's new choice) and Informs on A
        ScriptedCpe toA = cpe(a);
        toA.post(inform("1 BOOT"));
        assertThat(sessionOwner()).isEqualTo("node-a");
        await().atMost(5, TimeUnit.SECONDS).until(() -> endedOnB.contains(ID));

        // A sends the task again, and its answer finishes it, which B's waiter hears
        assertThat(toA.post(answer(toA.postEmpty()))).isNull();
        assertThat(waiter.get(5, TimeUnit.SECONDS).status()).isEqualTo(TaskStatus.DONE);
        assertThat(sessionOwner()).isNull();

        // B's session is gone: the device's old cookie gets nothing from B
        assertThatThrownBy(toB::postEmpty).hasMessageContaining("HTTP 400");
    }

    @Test
    void aNodeThatDiesHasItsSessionsAndItsUnansweredTaskReleasedByTheOther() throws Exception {
        ScriptedCpe toB = cpe(b);
        toB.post(inform("1 BOOT"));
        Task task = b.tasks().queue(ID, JSON.readTree(GPV));
        assertThat(toB.postEmpty().body()).isInstanceOf(GetParameterValues.class);
        assertThat(a.tasks().find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(sessionOwner()).isEqualTo("node-b");
        NbiClient nbi = new NbiClient(a);
        String token = operatorToken(a);
        assertThat(nbi.as(token, "GET", "/devices", null).body().path("devices").get(0).path("inSession").asBoolean()).isTrue();

        b.halt(); // as if killed: nothing released, its heartbeat goes stale

        // A finds it dead after three missed beats and settles what it had
        await().atMost(10, TimeUnit.SECONDS).until(() -> sessionOwner() == null
                && a.tasks().find(task.id()).orElseThrow().status() == TaskStatus.QUEUED);
        assertThat(a.tasks().find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(nbi.as(token, "GET", "/devices", null).body().path("devices").get(0).path("inSession").asBoolean())
                .isFalse();

        // the device's next session, on A, runs the task
        ScriptedCpe toA = cpe(a);
        toA.post(inform("2 PERIODIC"));
        assertThat(toA.post(answer(toA.postEmpty()))).isNull();
        assertThat(a.tasks().find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void twoNodesTakingTheSameDevicesQueueNeverTakeOneTaskTwice() throws Exception {
        cpe(b).post(inform("1 BOOT")); // the device exists
        List<Long> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(a.tasks().queue(ID, JSON.readTree(GPV)).id());
        }
        List<Long> taken = new CopyOnWriteArrayList<>();
        List<Thread> takers = new ArrayList<>();
        for (AcsServer node : List.of(a, b)) {
            takers.add(Thread.ofVirtual().start(() -> {
                for (var next = node.tasks().next(ID); next.isPresent(); next = node.tasks().next(ID)) {
                    taken.add(next.get().task().id());
                }
            }));
        }
        for (Thread t : takers) {
            t.join(Duration.ofSeconds(20));
        }
        assertThat(taken).containsExactlyInAnyOrderElementsOf(queued);
    }

    @Test
    void anXmppConnectionRequestGoesOutThroughTheNodeWhoseXmppLinkIsUp() throws Exception {
        ScriptedCpe toA = cpe(a);
        List<String> sentByB = new CopyOnWriteArrayList<>();
        b.connectionRequester().useXmpp(new ConnectionRequester.XmppSender() {
            @Override
            public boolean connected() {
                return true;
            }

            @Override
            public ConnectionRequestOutcome send(String jabberId, String username, String password) {
                sentByB.add(jabberId);
                Thread.ofVirtual().start(() -> {
                    try {
                        toA.post(inform("6 CONNECTION REQUEST"));
                        assertThat(toA.post(answer(toA.postEmpty()))).isNull();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                return new ConnectionRequestOutcome("xmpp", true, "sent", Duration.ZERO);
            }
        });
        toA.post(inform("1 BOOT", new ParameterValueStruct("Device.ManagementServer.ConnReqJabberID",
                "box-c1@xmpp.example/cwmp", "xsd:string")));
        assertThat(toA.postEmpty()).isNull();
        await().atMost(5, TimeUnit.SECONDS).until(this::nodeBAdvertisesXmpp); // B's next beat says its link is up

        NbiClient.Answer answer = new NbiClient(a).as(operatorToken(a), "POST",
                "/devices/" + ID + "/tasks?connection_request&timeout=15000", GPV);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().path("connectionRequest").path("detail").asText()).contains("node-b");
        assertThat(sentByB).containsExactly("box-c1@xmpp.example/cwmp");
    }
}
