package org.jcwmp.acs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.CwmpDateTime;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.soap.CwmpVersion;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's PostgreSQL behind a relay the test cuts: while the database is unreachable CPEs and the NBI get
 * 503 with Retry-After instead of hanging; once it is back the same ACS serves again and nothing stored was lost.
 */
class DatabaseOutageTest {
    private static final SoapCodec CODEC = new SoapCodec();
    private static final DeviceIdStruct DEVICE = new DeviceIdStruct("jcwmp", "00D09E", "OutageBox", "OUT-1");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String schema = "jcwmp_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    @TempDir
    Path dir;
    private TcpProxy proxy;
    private AcsServer acs;

    @AfterEach
    void stop() throws Exception {
        if (acs != null) {
            acs.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        sql("drop schema if exists " + schema + " cascade");
    }

    @Test
    void anUnreachableDatabaseGives503AndTheAcsRecoversWithoutARestart() throws Exception {
        try {
            sql("create schema " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL is not reachable at " + TestDatabases.PG_URL + ": " + e.getMessage());
        }
        proxy = new TcpProxy("127.0.0.1", URI.create(TestDatabases.PG_URL.substring(5)).getPort());
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir).cpeAuthentication(false)
                .jdbc("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?currentSchema=" + schema
                        + "&connectTimeout=2&socketTimeout=5", TestDatabases.PG_USER, "")
                .initialAdmin("root", "root-password").passwordHashIterations(1000).build().start();
        String token = acs.auth().createToken("root", "t", null).secret();
        assertThat(inform().statusCode()).isEqualTo(200);
        String deviceId = Device.idOf(DEVICE);
        long taskId = acs.tasks().queue(deviceId, new ObjectMapper().readTree(
                "{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.\"]}")).id();

        proxy.cut();
        HttpResponse<String> refused = inform();
        HttpResponse<String> nbiRefused = nbi(token, "devices");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(nbiRefused.statusCode()).isEqualTo(503);
        assertThat(nbiRefused.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(nbiRefused.body()).contains("unreachable");

        proxy.restore();
        HttpResponse<String> again = inform();

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(nbi(token, "devices").body()).contains("OUT-1");
        assertThat(acs.tasks().find(taskId)).hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TaskStatus.QUEUED));
    }

    private HttpResponse<String> inform() throws Exception {
        Inform inform = new Inform(DEVICE, List.of(new EventStruct("2 PERIODIC", "")), 1, CwmpDateTime.now(), 0, List.of());
        return http.send(HttpRequest.newBuilder(URI.create(acs.cwmpUrl())).timeout(Duration.ofSeconds(25))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.encode(Envelope.of(CwmpVersion.V1_2, "1", inform))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> nbi(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(acs.nbiUrl() + path)).timeout(Duration.ofSeconds(25))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "")) {
            c.createStatement().execute(statement);
        }
    }
}
