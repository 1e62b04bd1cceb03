package org.jcwmp.acs.ui;

import io.javalin.http.Context;
import org.jcwmp.acs.nbi.Access;
import org.jcwmp.acs.nbi.RouteTable;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves the web UI's files from the jar (resources under /ui): plain HTML, CSS and ES modules, no build step and
 * nothing fetched from elsewhere. The files are public; every call they make to the NBI is authenticated.
 */
public final class UiRoutes {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon", "json", "application/json");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private UiRoutes() {
    }

    public static void register(RouteTable r) {
        r.get("/ui", Access.PUBLIC, ctx -> ctx.redirect("/ui/"));
        r.get("/ui/", Access.PUBLIC, UiRoutes::serve);
        r.get("/ui/*", Access.PUBLIC, UiRoutes::serve);
    }

    private static void serve(Context ctx) throws IOException {
        String path = ctx.path().substring("/ui/".length());
        if (path.isEmpty()) {
            path = "index.html";
        }
        int dot = path.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1));
        if (type == null || path.contains("..") || path.contains("//") || path.startsWith("/")) {
            ctx.status(404).result("not found");
            return;
        }
        try (InputStream in = UiRoutes.class.getResourceAsStream("/ui/" + path)) {
            if (in == null) {
                ctx.status(404).result("not found");
                return;
            }
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }
}
