package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.jcwmp.acs.campaign.CampaignService;
import org.jcwmp.acs.files.FileRoutes;
import org.jcwmp.acs.files.FileServer;
import org.jcwmp.acs.store.StoreException;
import org.jcwmp.acs.ui.UiRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The northbound REST API: devices (search, parameters, tags), tasks, connection requests, presets, faults,
 * users and tokens, the audit log, live events, metrics, GenieACS-compatible calls, and the web UI's files.
 * Described in openapi.yaml, served at /openapi.yaml. Every route names the least role it needs ({@link Access}).
 */
public final class NbiApi {
    private static final Logger log = LoggerFactory.getLogger(NbiApi.class);

    private final NbiServices services;
    private final NbiJson json;
    private final FileServer fileServer;
    private final CampaignService campaigns;
    private RouteTable table;

    public NbiApi(NbiServices services) {
        this(services, null, null);
    }

    /**
     * fileServer: whose files and uploads the NBI manages; null: none (the /files routes answer 501).
     * campaigns: the firmware campaigns; null: none (the /campaigns routes are not there).
     */
    public NbiApi(NbiServices services, FileServer fileServer, CampaignService campaigns) {
        this.services = services;
        this.json = new NbiJson(services.json());
        this.fileServer = fileServer;
        this.campaigns = campaigns;
    }

    public void routes(Javalin app) {
        new NbiSecurity(services.auth(), services.audit(), services.metrics(), services.json()).install(app);
        table = new RouteTable(app);
        ConnectionRequests cr = new ConnectionRequests(services);
        GenieTasks genie = new GenieTasks(fileServer);
        TaskRoutes tasks = new TaskRoutes(services, json, cr, genie);
        new SystemRoutes(services, json).register(table, fileServer == null);
        if (fileServer != null) {
            new FileRoutes(fileServer, services.devices(), services.json()).register(table);
        }
        new AuthRoutes(services, json).register(table);
        new DeviceRoutes(services, json, cr, genie).register(table);
        tasks.register(table);
        new ProvisioningRoutes(services, json, cr).register(table);
        new GenieRoutes(services, json, tasks).register(table);
        if (campaigns != null) {
            new CampaignRoutes(campaigns, json).register(table);
        }
        UiRoutes.register(table);

        app.exception(NbiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(CampaignService.StatusConflict.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) ->
                error(ctx, 400, "the body is not JSON: " + e.getOriginalMessage()));
        app.exception(StoreException.class, (e, ctx) -> {
            if (e.unavailable()) {
                log.warn("NBI {} {}: the database is unreachable: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", Integer.toString(StoreException.RETRY_AFTER_SECONDS));
                error(ctx, 503, "the database is unreachable; try again later");
                return;
            }
            log.warn("NBI {} {}: store failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "the store failed: " + e.getMessage());
        });
    }

    /** Every route with its access level (after {@link #routes(Javalin)}). */
    public List<RouteTable.Route> routeList() {
        return table.routes();
    }

    private void error(Context ctx, int status, String message) {
        ctx.status(status).json(json.object().put("error", message));
    }
}
