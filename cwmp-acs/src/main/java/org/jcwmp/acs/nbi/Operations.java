package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.auth.AuthService;
import org.jcwmp.acs.auth.PasswordHasher;
import org.jcwmp.acs.connreq.ConnectionRequester;
import org.jcwmp.acs.events.AcsEvents;
import org.jcwmp.acs.events.EventBus;
import org.jcwmp.acs.metrics.AcsMetrics;
import org.jcwmp.acs.provision.Faults;
import org.jcwmp.acs.provision.Provisioner;
import org.jcwmp.acs.session.CwmpEndpoint;
import org.jcwmp.acs.store.AuditLog;
import org.jcwmp.acs.store.CpeCredentialStore;
import org.jcwmp.acs.store.Database;
import org.jcwmp.acs.store.DeviceSearch;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.FaultStore;
import org.jcwmp.acs.store.PresetStore;
import org.jcwmp.acs.store.TagStore;
import org.jcwmp.acs.store.UserStore;
import org.jcwmp.acs.task.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The operator's side of the ACS, built in one place so that AcsServer only wires it: users and tokens, the live
 * event bus, metrics, faults, the provisioning engine, and the NBI over them.
 */
public final class Operations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Operations.class);

    /** Options from AcsServer.Builder. adminPassword null: generated on first start and logged once. */
    public record Options(String adminUsername, String adminPassword, int passwordIterations, Duration loginLifetime,
                          boolean metricsPublic, int eventsKept) {
        public static Options defaults() {
            return new Options("admin", null, PasswordHasher.DEFAULT_ITERATIONS, Duration.ofHours(12), false, 2000);
        }
    }

    private final Options options;
    private final AuthService auth;
    private final AcsEvents events;
    private final AcsMetrics metrics;
    private final Faults faults;
    private final Provisioner provisioner;
    private final NbiServices services;
    private final org.jcwmp.acs.campaign.CampaignService campaigns;
    private final org.jcwmp.acs.campaign.CampaignRunner campaignRunner;
    private NbiApi api;
    private org.jcwmp.acs.files.FileServer fileServer;
    private String generatedAdminPassword;

    public Operations(Options options, Database db, DeviceStore devices, CpeCredentialStore cpeCredentials,
                      TaskService tasks, ConnectionRequester connectionRequester, CwmpEndpoint cwmp, ObjectMapper json) {
        this.options = options;
        this.auth = new AuthService(new UserStore(db), new PasswordHasher(options.passwordIterations()),
                options.loginLifetime());
        this.events = new AcsEvents(new EventBus(options.eventsKept()), json);
        this.metrics = new AcsMetrics(cwmp::inSession);
        if (db.dataSource() instanceof HikariDataSource hikari) {
            try {
                hikari.setMetricRegistry(metrics.registry()); // connection wait and use times: the store's timings
            } catch (RuntimeException e) {
                log.debug("the store's pool reports its metrics elsewhere already: {}", e.getMessage());
            }
        }
        FaultStore faultStore = new FaultStore(db);
        TagStore tags = new TagStore(db);
        PresetStore presets = new PresetStore(db);
        this.faults = new Faults(faultStore, tasks, events, json);
        this.provisioner = new Provisioner(presets, devices, tags, faultStore, tasks, events, metrics, json);
        this.services = new NbiServices(devices, new DeviceSearch(db, devices), tags, faultStore, faults, presets,
                provisioner, cpeCredentials, tasks, connectionRequester, cwmp, auth, new AuditLog(db), events, metrics,
                json, options.metricsPublic());
        this.campaigns = new org.jcwmp.acs.campaign.CampaignService(new org.jcwmp.acs.campaign.CampaignStore(db),
                services.search(), () -> fileServer, events);
        ConnectionRequests cr = new ConnectionRequests(services);
        this.campaignRunner = new org.jcwmp.acs.campaign.CampaignRunner(campaigns, tasks, devices, services.search(),
                () -> fileServer, cr::inBackground);
    }

    /** Creates the first admin if there is no user; a generated password is logged once and kept for the caller. */
    public void ensureAdmin() {
        Optional<String> generated = auth.ensureInitialAdmin(options.adminUsername(), options.adminPassword());
        generated.ifPresent(pw -> {
            generatedAdminPassword = pw;
            log.warn("created the NBI user \"{}\" (admin) with the password {} ; it is shown only this once",
                    options.adminUsername(), pw);
        });
    }

    /** Listeners for AcsServer to add: faults first (a failed task opens its fault before its event goes out). */
    public List<AcsListener> listeners() {
        return List.of(faults, provisioner, metrics, events);
    }

    public Provisioner provisioner() {
        return provisioner;
    }

    /**
     * The file server whose files and uploads the NBI manages (call before {@link #routes}); without one the NBI
     * lists no files and refuses to store any (501).
     */
    public void fileServer(org.jcwmp.acs.files.FileServer server) {
        this.fileServer = server;
        // A preset's wanted softwareVersion is the firmware image of that version fitting the device.
        provisioner.firmwareImages((oui, productClass, version) -> server.offers().firmware(oui, productClass, version)
                .map(f -> server.offers().downloadTask(f, "preset " + version)));
        server.onUpload(u -> events.bus().publish("upload", u.deviceId(), services.json().createObjectNode()
                .put("id", u.id()).put("name", u.name()).put("fileType", u.fileType()).put("size", u.size())
                .put("href", "/uploads/" + u.id())));
    }

    public void routes(io.javalin.Javalin app) {
        api = new NbiApi(services, fileServer, campaigns);
        api.routes(app);
    }

    public List<RouteTable.Route> routeList() {
        return api == null ? List.of() : api.routeList();
    }

    /** Firmware campaigns: created and changed through the NBI. */
    public org.jcwmp.acs.campaign.CampaignService campaigns() {
        return campaigns;
    }

    /** What drives the campaigns; AcsServer starts it with its interval. */
    public org.jcwmp.acs.campaign.CampaignRunner campaignRunner() {
        return campaignRunner;
    }

    public AuthService auth() {
        return auth;
    }

    public AcsEvents events() {
        return events;
    }

    public AcsMetrics metrics() {
        return metrics;
    }

    public NbiServices services() {
        return services;
    }

    public Optional<String> generatedAdminPassword() {
        return Optional.ofNullable(generatedAdminPassword);
    }

    @Override
    public void close() {
        campaignRunner.close();
        events.bus().close();
        metrics.close();
    }
}
