package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.jcwmp.acs.auth.Principal;
import org.jcwmp.acs.campaign.Campaign;
import org.jcwmp.acs.campaign.CampaignCounts;
import org.jcwmp.acs.campaign.CampaignDevice;
import org.jcwmp.acs.campaign.CampaignDeviceState;
import org.jcwmp.acs.campaign.CampaignService;
import org.jcwmp.acs.campaign.CampaignSpec;

import java.util.List;
import java.util.Map;

/** Firmware campaigns: create, list, one with its counts and devices, pause, resume, cancel. */
final class CampaignRoutes {
    private final CampaignService campaigns;
    private final NbiJson j;

    CampaignRoutes(CampaignService campaigns, NbiJson j) {
        this.campaigns = campaigns;
        this.j = j;
    }

    void register(RouteTable r) {
        r.get("/campaigns", Access.READ, this::list);
        r.post("/campaigns", Access.WRITE, this::create);
        r.get("/campaigns/{campaignId}", Access.READ, this::one);
        r.get("/campaigns/{campaignId}/devices", Access.READ, this::devices);
        r.post("/campaigns/{campaignId}/pause", Access.WRITE, ctx -> ctx.json(json(campaigns.pause(id(ctx)))));
        r.post("/campaigns/{campaignId}/resume", Access.WRITE, ctx -> ctx.json(json(campaigns.resume(id(ctx)))));
        r.post("/campaigns/{campaignId}/cancel", Access.WRITE, ctx -> ctx.json(json(campaigns.cancel(id(ctx)))));
    }

    /** POST /campaigns: 201 with the campaign; 400 and nothing stored when the body, query or file is wrong. */
    private void create(Context ctx) throws Exception {
        CampaignSpec spec = CampaignSpec.read(Requests.object(ctx, j.mapper(), CampaignSpec.EXAMPLE));
        Principal who = NbiSecurity.principal(ctx);
        Campaign c;
        try {
            c = campaigns.create(spec, who == null ? null : who.username());
        } catch (IllegalStateException e) {
            throw new NbiError(501, e.getMessage());
        }
        ctx.status(201).json(json(c));
    }

    /** GET /campaigns?offset&limit: newest first, with their counts. */
    private void list(Context ctx) {
        int offset = Requests.intParam(ctx, "offset", 0, Integer.MAX_VALUE);
        int limit = Requests.intParam(ctx, "limit", 100, 1000);
        List<Campaign> list = campaigns.store().list(offset, limit);
        Map<Long, CampaignCounts> counts = campaigns.store().counts(list.stream().map(Campaign::id).toList());
        ctx.json(list.stream().map(c -> json(c, counts.getOrDefault(c.id(), CampaignCounts.NONE))).toList());
    }

    /** GET /campaigns/{id}: the campaign, its counts, and its first devices with their outcome. */
    private void one(Context ctx) {
        Campaign c = campaign(ctx);
        ObjectNode out = json(c);
        ArrayNode devices = out.putArray("devices");
        campaigns.store().devices(c.id(), null, 0, 100).forEach(d -> devices.add(json(d)));
        ctx.json(out);
    }

    /** GET /campaigns/{id}/devices?state=failed&offset&limit: the devices by id, with X-Total-Count. */
    private void devices(Context ctx) {
        Campaign c = campaign(ctx);
        String s = ctx.queryParam("state");
        CampaignDeviceState state = s == null || s.isBlank() ? null : CampaignDeviceState.parse(s);
        int offset = Requests.intParam(ctx, "offset", 0, Integer.MAX_VALUE);
        int limit = Requests.intParam(ctx, "limit", 100, 1000);
        CampaignCounts n = campaigns.store().counts(c.id());
        long total = state == null ? n.targeted() : switch (state) {
            case PENDING -> n.pending();
            case IN_PROGRESS -> n.inProgress();
            case SUCCEEDED -> n.succeeded();
            case FAILED -> n.failed();
            case CANCELLED -> n.cancelled();
        };
        ctx.header("X-Total-Count", String.valueOf(total));
        ObjectNode out = j.object();
        out.put("total", total);
        ArrayNode list = out.putArray("devices");
        campaigns.store().devices(c.id(), state, offset, limit).forEach(d -> list.add(json(d)));
        ctx.json(out);
    }

    private long id(Context ctx) {
        String text = ctx.pathParam("campaignId");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a campaign id is a number, not \"" + text + "\"");
        }
        if (campaigns.find(id).isEmpty()) {
            throw new NbiError(404, "no campaign " + id);
        }
        return id;
    }

    private Campaign campaign(Context ctx) {
        return campaigns.find(id(ctx)).orElseThrow(() -> new NbiError(404, "no campaign"));
    }

    private ObjectNode json(Campaign c) {
        return json(c, campaigns.store().counts(c.id()));
    }

    private ObjectNode json(Campaign c, CampaignCounts n) {
        ObjectNode o = j.object();
        o.put("id", c.id());
        o.put("name", c.name());
        JsonNode query;
        try {
            query = j.read(c.query());
        } catch (java.io.UncheckedIOException e) {
            query = null; // stored as the caller wrote it; shown as text
        }
        if (query != null) {
            o.set("query", query);
        } else {
            o.put("query", c.query());
        }
        o.put("file", c.fileName());
        o.put("fileVersion", c.fileVersion());
        o.put("batchSize", c.batchSize());
        o.put("maxConcurrent", c.maxConcurrent());
        o.put("failureThreshold", c.failureThreshold());
        o.put("minSample", c.minSample());
        o.put("connectionRequest", c.connectionRequest());
        o.put("status", c.status().json());
        if (c.reason() != null) {
            o.put("reason", c.reason());
        }
        o.put("createdBy", c.createdBy());
        o.set("created", j.mapper().valueToTree(c.created()));
        o.set("updated", j.mapper().valueToTree(c.updated()));
        if (c.halted() != null) {
            o.set("halted", j.mapper().valueToTree(c.halted()));
        }
        o.putObject("counts").put("targeted", n.targeted()).put("pending", n.pending())
                .put("inProgress", n.inProgress()).put("succeeded", n.succeeded()).put("failed", n.failed())
                .put("cancelled", n.cancelled());
        o.put("failureRate", n.failureRate());
        return o;
    }

    private ObjectNode json(CampaignDevice d) {
        ObjectNode o = j.object();
        o.put("device", d.deviceId());
        o.put("state", d.state().json());
        if (d.taskId() != null) {
            o.put("task", d.taskId());
        }
        if (d.faultCode() != null || d.faultString() != null) {
            ObjectNode f = o.putObject("fault");
            if (d.faultCode() != null) {
                f.put("code", d.faultCode());
            }
            f.put("string", d.faultString());
        }
        if (d.detail() != null) {
            o.put("detail", d.detail());
        }
        if (d.started() != null) {
            o.set("started", j.mapper().valueToTree(d.started()));
        }
        if (d.finished() != null) {
            o.set("finished", j.mapper().valueToTree(d.finished()));
        }
        return o;
    }
}
