package org.jcwmp.acs.campaign;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcwmp.acs.events.AcsEvents;
import org.jcwmp.acs.files.FileServer;
import org.jcwmp.acs.query.Query;
import org.jcwmp.acs.query.QueryParser;
import org.jcwmp.acs.store.DeviceSearch;
import org.jcwmp.acs.store.StoredFile;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates campaigns and changes their status for the NBI. The devices a campaign targets are those its query matches
 * when it is created; the {@link CampaignRunner} does the rest.
 */
public final class CampaignService {
    /** The most devices one campaign may target. */
    public static final int MAX_DEVICES = 100_000;

    /** A campaign change the campaign's status does not allow (HTTP 409). */
    public static final class StatusConflict extends RuntimeException {
        StatusConflict(String message) {
            super(message);
        }
    }

    private final CampaignStore store;
    private final DeviceSearch search;
    private final Supplier<FileServer> files;
    private final AcsEvents events;

    public CampaignService(CampaignStore store, DeviceSearch search, Supplier<FileServer> files, AcsEvents events) {
        this.store = store;
        this.search = search;
        this.files = files;
        this.events = events;
    }

    public CampaignStore store() {
        return store;
    }

    /**
     * Checks and stores a campaign; nothing is stored when the query, the file or a number is wrong.
     *
     * @throws IllegalArgumentException with a message for the caller
     * @throws IllegalStateException    when the ACS runs no file server
     */
    public Campaign create(CampaignSpec spec, String createdBy) {
        FileServer server = files.get();
        if (server == null) {
            throw new IllegalStateException("the ACS runs no file server, so it has no firmware to send");
        }
        StoredFile file = server.repository().file(spec.fileName()).orElseThrow(() ->
                new IllegalArgumentException("no file \"" + spec.fileName() + "\" on the file server; upload it first "
                        + "(PUT /files/{name})"));
        if (file.fileType() == null || file.fileType().isBlank()) {
            throw new IllegalArgumentException("the file \"" + file.name() + "\" has no fileType; a campaign sends "
                    + "firmware (\"1 Firmware Upgrade Image\")");
        }
        Query query;
        try {
            query = new QueryParser(Clock.systemUTC()).parseText(spec.query());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the query is not a device query: " + e.getMessage(), e);
        }
        List<String> ids = search.ids(query, MAX_DEVICES + 1);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("the query matches no device");
        }
        if (ids.size() > MAX_DEVICES) {
            throw new IllegalArgumentException("the query matches more than " + MAX_DEVICES + " devices; narrow it");
        }
        Campaign c = store.create(spec.withFileVersion(file.version()), createdBy, ids, Instant.now());
        published(c);
        return c;
    }

    public Optional<Campaign> find(long id) {
        return store.find(id);
    }

    /** Stops starting devices; those in progress finish. */
    public Campaign pause(long id) {
        return change(id, List.of(CampaignStatus.RUNNING), CampaignStatus.PAUSED, "paused");
    }

    /** Starts devices again after a pause. */
    public Campaign resume(long id) {
        return change(id, List.of(CampaignStatus.PAUSED), CampaignStatus.RUNNING, "resumed");
    }

    /**
     * No device is started any more; pending ones become cancelled, and the runner withdraws the Downloads no device
     * has taken yet; those a device took finish.
     */
    public Campaign cancel(long id) {
        return change(id, List.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED, CampaignStatus.HALTED),
                CampaignStatus.CANCELLED, "cancelled");
    }

    private Campaign change(long id, List<CampaignStatus> from, CampaignStatus to, String verb) {
        Campaign c = store.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no campaign " + id));
        if (!store.changeStatus(id, from, to, null, Instant.now())) {
            Campaign now = store.find(id).orElse(c);
            throw new StatusConflict("campaign " + id + " is " + now.status().json() + "; only a "
                    + String.join(" or ", from.stream().map(CampaignStatus::json).toList()) + " campaign can be "
                    + verb);
        }
        Campaign changed = store.find(id).orElseThrow();
        published(changed);
        return changed;
    }

    /** A "campaign" live event with the status and counts. */
    void published(Campaign c) {
        if (events == null) {
            return;
        }
        CampaignCounts n = store.counts(c.id());
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("id", c.id()).put("name", c.name()).put("status", c.status().json());
        if (c.reason() != null) {
            data.put("reason", c.reason());
        }
        data.put("targeted", n.targeted()).put("pending", n.pending()).put("inProgress", n.inProgress())
                .put("succeeded", n.succeeded()).put("failed", n.failed()).put("cancelled", n.cancelled());
        events.bus().publish("campaign", null, data);
    }
}
