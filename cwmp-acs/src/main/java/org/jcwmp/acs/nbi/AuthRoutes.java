package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.jcwmp.acs.auth.ApiToken;
import org.jcwmp.acs.auth.IssuedToken;
import org.jcwmp.acs.auth.LoginSession;
import org.jcwmp.acs.auth.Principal;
import org.jcwmp.acs.auth.Role;
import org.jcwmp.acs.auth.User;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Login and logout for the web UI, users (admins), API tokens, one's own password, the audit log. */
final class AuthRoutes {
    private final NbiServices s;
    private final NbiJson j;

    AuthRoutes(NbiServices s, NbiJson j) {
        this.s = s;
        this.j = j;
    }

    void register(RouteTable r) {
        r.post("/auth/login", Access.PUBLIC, this::login);
        r.post("/auth/logout", Access.PUBLIC, this::logout);
        r.get("/auth/me", Access.READ, ctx -> {
            Principal p = NbiSecurity.principal(ctx);
            ctx.json(j.object().put("username", p.username()).put("role", p.role().jsonName()).put("via", p.via()));
        });
        r.put("/auth/password", Access.READ, this::changeOwnPassword);

        r.get("/users", Access.ADMIN, ctx -> ctx.json(s.auth().users().stream().map(j::user).toList()));
        r.put("/users/{username}", Access.ADMIN, this::putUser);
        r.delete("/users/{username}", Access.ADMIN, this::deleteUser);

        r.get("/tokens", Access.READ, ctx -> {
            Principal p = NbiSecurity.principal(ctx);
            boolean all = p.role() == Role.ADMIN && Requests.flag(ctx, "all");
            ctx.json(s.auth().tokens(all ? null : p.username()).stream().map(j::token).toList());
        });
        r.post("/tokens", Access.READ, this::createToken);
        r.delete("/tokens/{tokenId}", Access.READ, this::revokeToken);

        r.get("/audit", Access.ADMIN, ctx -> ctx.json(s.audit().list(ctx.queryParam("user"), ctx.queryParam("path"),
                Requests.intParam(ctx, "offset", 0, Integer.MAX_VALUE), Requests.intParam(ctx, "limit", 100, 1000))
                .stream().map(j::audit).toList()));
    }

    private void login(Context ctx) throws Exception {
        JsonNode body = Requests.object(ctx, j.mapper(), "{\"username\": \"admin\", \"password\": \"...\"}");
        Optional<LoginSession> session = s.auth().login(body.path("username").asText(null),
                body.path("password").asText(null));
        if (session.isEmpty()) {
            throw new NbiError(401, "wrong username or password");
        }
        LoginSession ls = session.get();
        long maxAge = Math.max(0, Duration.between(Instant.now(), ls.expires()).toSeconds());
        boolean tls = "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.header("Set-Cookie", NbiSecurity.COOKIE + "=" + ls.secret() + "; Path=/; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : ""));
        ctx.attribute(NbiSecurity.PRINCIPAL, ls.principal());
        ctx.json(j.object().put("username", ls.principal().username()).put("role", ls.principal().role().jsonName())
                .put("expires", ls.expires().toString()));
    }

    private void logout(Context ctx) {
        s.auth().logout(ctx.cookie(NbiSecurity.COOKIE));
        ctx.header("Set-Cookie", NbiSecurity.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.status(204);
    }

    private void changeOwnPassword(Context ctx) throws Exception {
        Principal p = NbiSecurity.principal(ctx);
        JsonNode body = Requests.object(ctx, j.mapper(), "{\"current\": \"...\", \"password\": \"...\"}");
        if (s.auth().checkPassword(p.username(), body.path("current").asText(null)).isEmpty()) {
            throw new NbiError(400, "the current password is wrong");
        }
        s.auth().putUser(p.username(), body.path("password").asText(null), s.auth().user(p.username()).orElseThrow().role());
        ctx.status(204);
    }

    /** PUT /users/{name} {"role": "operator", "password": "..."}: creates a user, or changes role and/or password. */
    private void putUser(Context ctx) throws Exception {
        String name = ctx.pathParam("username");
        JsonNode body = Requests.object(ctx, j.mapper(), "{\"role\": \"operator\", \"password\": \"at least 8 chars\"}");
        Optional<User> existing = s.auth().user(name);
        Role role = body.has("role") ? Role.parse(body.get("role").asText())
                : existing.map(User::role).orElseThrow(() -> new IllegalArgumentException("a new user needs a \"role\""));
        if (existing.isPresent() && existing.get().role() == Role.ADMIN && role != Role.ADMIN) {
            lastAdminGuard(name);
        }
        if (body.hasNonNull("password")) {
            s.auth().putUser(name, body.get("password").asText(), role);
        } else if (existing.isPresent()) {
            s.auth().setRole(name, role);
        } else {
            throw new IllegalArgumentException("a new user needs a \"password\"");
        }
        ctx.status(existing.isPresent() ? 200 : 201).json(j.user(s.auth().user(name).orElseThrow()));
    }

    private void deleteUser(Context ctx) {
        String name = ctx.pathParam("username");
        User u = s.auth().user(name).orElseThrow(() -> new NbiError(404, "no user " + name));
        if (u.role() == Role.ADMIN) {
            lastAdminGuard(name);
        }
        s.auth().deleteUser(name);
        ctx.status(204);
    }

    private void lastAdminGuard(String name) {
        long admins = s.auth().users().stream().filter(u -> u.role() == Role.ADMIN && !u.username().equals(name)).count();
        if (admins == 0) {
            throw new NbiError(409, "\"" + name + "\" is the last admin; make another admin first");
        }
    }

    /**
     * POST /tokens {"label": "backup-script", "role": "read-only"}: a token for oneself (admins may name another
     * "username"). The secret is in the answer only.
     */
    private void createToken(Context ctx) throws Exception {
        Principal p = NbiSecurity.principal(ctx);
        JsonNode body = ctx.body().isBlank() ? j.object() : Requests.object(ctx, j.mapper(), "{\"label\": \"my-script\"}");
        String user = body.path("username").asText(p.username());
        if (!user.equals(p.username()) && p.role() != Role.ADMIN) {
            throw new NbiError(403, "only admins make tokens for other users");
        }
        Role role = body.hasNonNull("role") ? Role.parse(body.get("role").asText()) : null;
        if (role != null && !p.role().atLeast(role)) {
            throw new NbiError(403, "a token cannot carry more than its maker's role");
        }
        IssuedToken t = s.auth().createToken(user, body.path("label").asText("token"), role);
        ObjectNode out = j.token(t.token());
        out.put("token", t.secret());
        ctx.status(201).json(out);
    }

    private void revokeToken(Context ctx) {
        Principal p = NbiSecurity.principal(ctx);
        String id = ctx.pathParam("tokenId");
        ApiToken t = s.auth().tokens(null).stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new NbiError(404, "no token " + id));
        if (!t.username().equals(p.username()) && p.role() != Role.ADMIN) {
            throw new NbiError(403, "only admins revoke other users' tokens");
        }
        s.auth().revokeToken(id);
        ctx.status(204);
    }
}
