package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import org.jcwmp.acs.events.EventBus;
import org.jcwmp.acs.events.LiveEvent;
import org.jcwmp.acs.store.DeviceSearch;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The root, the OpenAPI document, metrics, dashboard numbers, live events (SSE) and the file-server stand-ins. */
final class SystemRoutes {
    private static final int CHART_MINUTES = 60;

    private final NbiServices s;
    private final NbiJson j;

    SystemRoutes(NbiServices s, NbiJson j) {
        this.s = s;
        this.j = j;
    }

    /** noFileServer: the /files routes are stand-ins (empty list, 501) because the ACS runs no file server. */
    void register(RouteTable r, boolean noFileServer) {
        r.get("/", Access.PUBLIC, ctx -> ctx.json(j.object().put("name", "jcwmp NBI").put("openapi", "/openapi.yaml")
                .put("ui", "/ui/")));
        r.get("/openapi.yaml", Access.PUBLIC, this::openApi);
        r.get("/metrics", s.metricsPublic() ? Access.PUBLIC : Access.READ, ctx ->
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.metrics().scrape()));
        r.get("/stats", Access.READ, this::stats);
        r.sse("/events", Access.READ, this::events);
        r.get("/events/recent", Access.READ, ctx -> ctx.json(s.events().bus()
                .recent(filter(ctx), Requests.intParam(ctx, "limit", 100, 1000)).stream().map(j::event).toList()));
        if (!noFileServer) {
            return;
        }
        // Without a file server there are no files and uploads are refused.
        r.get("/files", Access.READ, ctx -> ctx.json(j.mapper().createArrayNode()));
        r.get("/files/", Access.READ, ctx -> ctx.json(j.mapper().createArrayNode()));
        r.put("/files/{name}", Access.WRITE, SystemRoutes::noFileServer);
        r.delete("/files/{name}", Access.WRITE, SystemRoutes::noFileServer);
    }

    private static void noFileServer(Context ctx) {
        throw new NbiError(501, "this ACS runs no file server; files cannot be stored");
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = NbiApi.class.getResourceAsStream("/openapi.yaml")) {
            ctx.contentType("application/yaml").result(in.readAllBytes());
        }
    }

    /** GET /stats: the dashboard's numbers and the Informs per minute of the last hour. */
    private void stats(Context ctx) {
        Instant now = Instant.now();
        Instant since = now.truncatedTo(ChronoUnit.MINUTES).minus(CHART_MINUTES - 1, ChronoUnit.MINUTES);
        DeviceSearch.Activity a = s.metrics().store("stats", () -> s.search().activity(now, since));
        ObjectNode out = j.object().put("devices", a.devices()).put("online5m", a.since5m()).put("online24h", a.since24h())
                .put("openFaults", s.faultStore().count()).put("presets", s.presets().all().size());
        ArrayNode chart = out.putArray("informsPerMinute");
        for (int i = 0; i < CHART_MINUTES; i++) {
            Instant m = since.plus(i, ChronoUnit.MINUTES);
            chart.add(j.object().put("minute", m.toString()).put("informs", a.informsPerMinute().getOrDefault(m, 0L)));
        }
        ctx.json(out);
    }

    /** ?device=a,b and ?types=inform,task narrow the stream; both empty: everything. */
    private static Predicate<LiveEvent> filter(Context ctx) {
        Set<String> devices = split(ctx.queryParam("device"));
        Set<String> types = split(ctx.queryParam("types"));
        return e -> (devices.isEmpty() || devices.contains(e.device())) && (types.isEmpty() || types.contains(e.type()));
    }

    private static Set<String> split(String v) {
        return v == null || v.isBlank() ? Set.of()
                : Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toSet());
    }

    /**
     * GET /events: Server-Sent Events, one per LiveEvent (event: its type, id: its seq, data: JSON). A client that
     * reconnects with Last-Event-ID (or ?since=SEQ) first gets what it missed, as far as this node still keeps it.
     */
    private void events(SseClient client) {
        Context ctx = client.ctx();
        long after = -1;
        String last = ctx.header("Last-Event-ID") != null ? ctx.header("Last-Event-ID") : ctx.queryParam("since");
        if (last != null && last.matches("\\d{1,18}")) {
            after = Long.parseLong(last);
        }
        client.keepAlive();
        EventBus.Subscription sub = s.events().bus().subscribe(filter(ctx), e -> {
            synchronized (client) {
                client.sendEvent(e.type(), j.write(j.event(e)), String.valueOf(e.seq()));
            }
        }, after, client::close);
        client.onClose(sub::close);
        synchronized (client) {
            client.sendComment("jcwmp live events");
        }
        // Comments keep proxies and idle timeouts from closing a quiet stream.
        Thread.ofVirtual().name("sse-ping").start(() -> {
            try {
                while (!client.terminated()) {
                    Thread.sleep(15_000);
                    synchronized (client) {
                        if (!client.terminated()) {
                            client.sendComment("ping");
                        }
                    }
                }
            } catch (InterruptedException ignored) {
                // stopping
            } finally {
                sub.close();
            }
        });
    }
}
