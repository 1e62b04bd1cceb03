package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import org.jcwmp.acs.auth.AuthService;
import org.jcwmp.acs.auth.Principal;
import org.jcwmp.acs.metrics.AcsMetrics;
import org.jcwmp.acs.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication and authorisation of every NBI call, and the audit log of every change.
 * A caller is an API token (Authorization: Bearer) or a web UI login (cookie jcwmp_session, HttpOnly, SameSite=Strict).
 * No credentials: 401; too little role: 403; both with {"error": "..."}. Calls authenticated by cookie that change
 * something must also carry X-Requested-With, which a cross-site form cannot send.
 */
public final class NbiSecurity {
    public static final String COOKIE = "jcwmp_session";
    static final String PRINCIPAL = "jcwmp.principal";
    /**
     * A request attribute a handler sets when its body is not JSON but streamed content (a file): the audit log
     * records this text instead of reading the body again.
     */
    public static final String BODY_SUMMARY = "jcwmp.bodySummary";
    private static final Logger log = LoggerFactory.getLogger(NbiSecurity.class);
    private static final Set<String> REDACT = Set.of("password", "current", "token", "secret");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** Bodies larger than this are summarised in the audit log, not read (Javalin's own limit for bodies is 1 MB). */
    private static final long MAX_AUDITED_BODY = 1_000_000;

    private final AuthService auth;
    private final AuditLog audit;
    private final AcsMetrics metrics;
    private final ObjectMapper json;

    public NbiSecurity(AuthService auth, AuditLog audit, AcsMetrics metrics, ObjectMapper json) {
        this.auth = auth;
        this.audit = audit;
        this.metrics = metrics;
        this.json = json;
    }

    public void install(Javalin app) {
        app.beforeMatched(this::check);
        app.afterMatched(this::record);
    }

    /** The caller of this call (set by the check before the handler ran); null on public routes without one. */
    public static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    private void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        Access access = roles.stream().filter(Access.class::isInstance).map(Access.class::cast).findFirst().orElse(null);
        if (access == null) {
            throw new NbiError(403, "this route has no access level; refused");
        }
        Optional<Principal> who = identify(ctx);
        who.ifPresent(p -> ctx.attribute(PRINCIPAL, p));
        if (access == Access.PUBLIC) {
            return;
        }
        if (who.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"jcwmp\"");
            throw new NbiError(401, "authentication required: send \"Authorization: Bearer <API token>\" "
                    + "or log in (POST /auth/login, or the web UI at /ui/)");
        }
        Principal p = who.get();
        if (!p.role().atLeast(access.least())) {
            throw new NbiError(403, "the " + p.role().jsonName() + " role may not do this (" + access.least().jsonName()
                    + " or more is needed)");
        }
        if (p.viaSession() && !READS.contains(ctx.method().name()) && ctx.header("X-Requested-With") == null) {
            throw new NbiError(403, "changes made with a login cookie need the X-Requested-With header");
        }
    }

    private Optional<Principal> identify(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Principal> p = auth.byToken(header.substring(7).trim());
            if (p.isEmpty()) {
                throw new NbiError(401, "the API token is not valid (revoked, or its user was deleted)");
            }
            return p;
        }
        return auth.bySession(ctx.cookie(COOKIE));
    }

    /** Every call that may change something is logged with who, what and the outcome; secrets are blanked. */
    private void record(Context ctx) {
        String method = ctx.method().name();
        if (metrics != null) {
            metrics.nbiRequest(method, ctx.statusCode());
        }
        if (READS.contains(method)) {
            return;
        }
        Principal p = principal(ctx);
        String user = p != null ? p.username() : null;
        String summary = ctx.attribute(BODY_SUMMARY);
        String detail = summary != null ? summary : redactedBody(ctx);
        if (user == null && ctx.path().equals("/auth/login")) {
            user = loginName(ctx);
        }
        String path = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        try {
            audit.record(Instant.now(), user, method, path, ctx.statusCode(), detail);
        } catch (RuntimeException e) {
            log.warn("could not write the audit log for {} {}: {}", method, path, e.toString());
        }
    }

    private String loginName(Context ctx) {
        try {
            JsonNode body = json.readTree(ctx.body());
            return body == null ? null : body.path("username").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private String redactedBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (ctx.statusCode() == 401 || ctx.statusCode() == 403 || length > MAX_AUDITED_BODY
                || length < 0 && ctx.contentType() != null && !ctx.contentType().contains("json")) {
            // a refused call's body was never read, and a large one (a file) is not read into memory just to log it
            return length == 0 ? null : "(body not read" + (length > 0 ? ", " + length + " bytes" : "") + ")";
        }
        String body = ctx.body();
        if (body.isBlank()) {
            return null;
        }
        String out;
        try {
            JsonNode node = json.readTree(body);
            redact(node);
            out = json.writeValueAsString(node);
        } catch (Exception e) {
            out = "(not JSON, " + body.length() + " characters)";
        }
        return out.length() > 4000 ? out.substring(0, 4000) + "..." : out;
    }

    /** Blanks passwords: fields so named, and parameter values whose parameter is a password or passphrase. */
    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.path("name").isTextual() && o.has("value") && sensitive(o.get("name").asText())) {
                o.put("value", "***");
            }
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (REDACT.contains(f.toLowerCase(Locale.ROOT)) || sensitive(f)) {
                    o.put(f, "***");
                } else {
                    redact(o.get(f));
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            if (a.size() >= 2 && a.get(0).isTextual() && sensitive(a.get(0).asText())) {
                a.set(1, a.textNode("***"));
            }
            a.forEach(NbiSecurity::redact);
        }
    }

    private static boolean sensitive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith("password") || n.endsWith("passphrase") || n.endsWith("presharedkey") || n.endsWith("secret");
    }
}
