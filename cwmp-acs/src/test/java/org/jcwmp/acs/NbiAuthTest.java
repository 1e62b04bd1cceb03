package org.jcwmp.acs;

import org.jcwmp.acs.auth.Role;
import org.jcwmp.acs.nbi.Access;
import org.jcwmp.acs.nbi.RouteTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every NBI route is checked: no credentials 401, too little role 403, JSON errors; logins, tokens and the audit log. */
class NbiAuthTest {
    @TempDir
    Path dir;
    private AcsServer acs;
    private NbiClient nbi;
    private String admin;
    private String operator;
    private String readOnly;

    @BeforeEach
    void start() {
        acs = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(dir)
                .initialAdmin("root", "root-password").passwordHashIterations(1000).build().start();
        acs.auth().putUser("olga", "operator-pw", Role.OPERATOR);
        acs.auth().putUser("rita", "reader-pw", Role.READ_ONLY);
        admin = acs.auth().createToken("root", "t", null).secret();
        operator = acs.auth().createToken("olga", "t", null).secret();
        readOnly = acs.auth().createToken("rita", "t", null).secret();
        nbi = new NbiClient(acs);
    }

    @AfterEach
    void stop() {
        acs.stop();
    }

    private static String concrete(String path) {
        return path.replace("{id}", "00D09E-Box-NONE").replace("{taskId}", "1").replace("{faultId}", "1")
                .replace("{name}", "p1").replace("{username}", "someone").replace("{tokenId}", "nope")
                .replace("{tag}", "t1").replace("{campaignId}", "1").replace("*", "x.js");
    }

    private static String body(RouteTable.Route r) {
        return r.method().equals("GET") || r.method().equals("DELETE") ? null : "{}";
    }

    @Test
    void everyRouteNamesItsAccessAndRefusesCallersWithoutEnoughRole() throws Exception {
        List<RouteTable.Route> routes = acs.operations().routeList();
        assertThat(routes).hasSizeGreaterThan(40);
        assertThat(routes).filteredOn(r -> r.access() == Access.PUBLIC).extracting(RouteTable.Route::path)
                .containsExactlyInAnyOrder("/", "/openapi.yaml", "/auth/login", "/auth/logout", "/ui", "/ui/", "/ui/*");
        for (RouteTable.Route r : routes) {
            String path = concrete(r.path());
            if (r.access() == Access.PUBLIC) {
                continue;
            }
            NbiClient.Answer none = nbi.as(null, r.method(), path, body(r));
            assertThat(none.status()).as("%s %s without credentials", r.method(), r.path()).isEqualTo(401);
            assertThat(none.body().get("error").asText()).as(r.path()).contains("authentication required");
            assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"jcwmp\"");
            assertThat(nbi.as("jcwmp_not-a-token", r.method(), path, body(r)).status()).isEqualTo(401);
            if (r.access() == Access.WRITE || r.access() == Access.ADMIN) {
                NbiClient.Answer ro = nbi.as(readOnly, r.method(), path, body(r));
                assertThat(ro.status()).as("%s %s as read-only", r.method(), r.path()).isEqualTo(403);
                assertThat(ro.body().get("error").asText()).contains("read-only");
            }
            if (r.access() == Access.ADMIN) {
                assertThat(nbi.as(operator, r.method(), path, body(r)).status()).as("%s %s as operator", r.method(), r.path())
                        .isEqualTo(403);
            }
            if (!r.path().equals("/events")) {
                assertThat(nbi.as(admin, r.method(), path, body(r)).status()).as("%s %s as admin", r.method(), r.path())
                        .isNotIn(401, 403);
            }
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryRoute() throws Exception {
        String doc = nbi.as(null, "GET", "/openapi.yaml", null).raw().body();
        for (RouteTable.Route r : acs.operations().routeList()) {
            if (!r.path().startsWith("/ui")) {
                assertThat(doc).as(r.method() + " " + r.path()).contains("\n  " + r.path() + ":\n");
            }
        }
    }

    @Test
    void readOnlyReadsButCannotWrite() throws Exception {
        assertThat(nbi.as(readOnly, "GET", "/devices", null).status()).isEqualTo(200);
        assertThat(nbi.as(readOnly, "GET", "/presets", null).status()).isEqualTo(200);
        assertThat(nbi.as(readOnly, "PUT", "/presets/x", "{\"parameters\": {}}").status()).isEqualTo(403);
        assertThat(nbi.as(operator, "PUT", "/presets/x", "{\"parameters\": {}}").status()).isEqualTo(200);
        assertThat(nbi.as(operator, "GET", "/users", null).status()).isEqualTo(403);
        assertThat(nbi.as(admin, "GET", "/users", null).body().findValuesAsText("username"))
                .containsExactly("olga", "rita", "root");
    }

    @Test
    void webLoginSetsAnHttpOnlySameSiteCookieAndChangesNeedTheHeader() throws Exception {
        NbiClient.Answer wrong = nbi.call("POST", "/auth/login", "{\"username\":\"root\",\"password\":\"nope\"}", Map.of());
        assertThat(wrong.status()).isEqualTo(401);
        NbiClient.Answer ok = nbi.call("POST", "/auth/login", "{\"username\":\"olga\",\"password\":\"operator-pw\"}", Map.of());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("role").asText()).isEqualTo("operator");
        String setCookie = ok.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("jcwmp_session=").contains("HttpOnly", "SameSite=Strict", "Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertThat(nbi.call("GET", "/auth/me", null, Map.of("Cookie", cookie)).body().get("username").asText()).isEqualTo("olga");
        // A cross-site form cannot add headers: a change by cookie without X-Requested-With is refused.
        assertThat(nbi.call("PUT", "/presets/a", "{}", Map.of("Cookie", cookie)).status()).isEqualTo(403);
        assertThat(nbi.call("PUT", "/presets/a", "{}", Map.of("Cookie", cookie, "X-Requested-With", "t")).status()).isEqualTo(200);

        assertThat(nbi.call("POST", "/auth/logout", null, Map.of("Cookie", cookie)).status()).isEqualTo(204);
        assertThat(nbi.call("GET", "/auth/me", null, Map.of("Cookie", cookie)).status()).isEqualTo(401);
    }

    @Test
    void tokensCarryAtMostTheirMakersRoleAndCanBeRevoked() throws Exception {
        NbiClient.Answer made = nbi.as(operator, "POST", "/tokens", "{\"label\":\"script\",\"role\":\"read-only\"}");
        assertThat(made.status()).isEqualTo(201);
        String secret = made.body().get("token").asText();
        assertThat(nbi.as(secret, "GET", "/auth/me", null).body().get("role").asText()).isEqualTo("read-only");
        assertThat(nbi.as(secret, "PUT", "/presets/x", "{}").status()).isEqualTo(403);
        assertThat(nbi.as(operator, "POST", "/tokens", "{\"role\":\"admin\"}").status()).isEqualTo(403);
        assertThat(nbi.as(operator, "GET", "/tokens", null).body().findValuesAsText("token")).isEmpty();

        assertThat(nbi.as(operator, "DELETE", "/tokens/" + made.body().get("id").asText(), null).status()).isEqualTo(204);
        assertThat(nbi.as(secret, "GET", "/auth/me", null).status()).isEqualTo(401);

        // Demoting a user demotes its tokens at once (the token cache is dropped on this node).
        assertThat(nbi.as(admin, "PUT", "/users/olga", "{\"role\":\"read-only\"}").status()).isEqualTo(200);
        assertThat(nbi.as(operator, "PUT", "/presets/x", "{}").status()).isEqualTo(403);
        // The last admin cannot be removed.
        assertThat(nbi.as(admin, "DELETE", "/users/root", null).status()).isEqualTo(409);
    }

    @Test
    void everyChangeIsAuditedWithWhoAndWhatAndPasswordsBlanked() throws Exception {
        nbi.as(operator, "PUT", "/presets/audited", "{\"parameters\":{\"Device.ManagementServer.ConnectionRequestPassword\":\"s3cret\"}}");
        nbi.as(admin, "PUT", "/users/newbie", "{\"role\":\"operator\",\"password\":\"newbie-password\"}");
        nbi.as(readOnly, "DELETE", "/presets/audited", null);
        nbi.call("POST", "/auth/login", "{\"username\":\"rita\",\"password\":\"wrong\"}", Map.of());
        var log = nbi.as(admin, "GET", "/audit", null).body();
        assertThat(log.toString()).doesNotContain("s3cret").doesNotContain("newbie-password");
        assertThat(log.get(0).get("path").asText()).isEqualTo("/auth/login");
        assertThat(log.get(0).get("username").asText()).isEqualTo("rita");
        assertThat(log.get(0).get("status").asInt()).isEqualTo(401);
        assertThat(log.get(1).get("username").asText()).isEqualTo("rita");
        assertThat(log.get(1).get("status").asInt()).isEqualTo(403);
        assertThat(log.get(2).get("path").asText()).isEqualTo("/users/newbie");
        assertThat(log.get(3).get("username").asText()).isEqualTo("olga");
        assertThat(log.get(3).get("method").asText()).isEqualTo("PUT");
        assertThat(log.get(3).at("/detail/parameters/Device.ManagementServer.ConnectionRequestPassword").asText()).isEqualTo("***");
    }

    @Test
    void aFirstStartWithoutPasswordGeneratesOneThatLogsIn(@TempDir Path other) throws Exception {
        try (AcsServer fresh = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(other)
                .passwordHashIterations(1000).build().start()) {
            String pw = fresh.operations().generatedAdminPassword().orElseThrow();
            NbiClient c = new NbiClient(fresh);
            assertThat(c.call("POST", "/auth/login", "{\"username\":\"admin\",\"password\":\"" + pw + "\"}", Map.of())
                    .status()).isEqualTo(200);
        }
        try (AcsServer again = AcsServer.builder().cwmp("127.0.0.1", 0).nbi("127.0.0.1", 0).dataDirectory(other)
                .passwordHashIterations(1000).build().start()) {
            assertThat(again.operations().generatedAdminPassword()).isEmpty();
        }
    }
}
