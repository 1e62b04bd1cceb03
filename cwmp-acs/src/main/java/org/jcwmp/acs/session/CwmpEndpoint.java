package org.jcwmp.acs.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.cluster.Cluster;
import org.jcwmp.acs.provision.SessionHook;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskService;
import org.jcwmp.core.rpc.AutonomousDUStateChangeComplete;
import org.jcwmp.core.rpc.AutonomousDUStateChangeCompleteResponse;
import org.jcwmp.core.rpc.AutonomousTransferComplete;
import org.jcwmp.core.rpc.AutonomousTransferCompleteResponse;
import org.jcwmp.core.rpc.CwmpMessage;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.CwmpResponse;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.DUStateChangeCompleteResponse;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.GetRPCMethods;
import org.jcwmp.core.rpc.GetRPCMethodsResponse;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.InformResponse;
import org.jcwmp.core.rpc.RequestDownload;
import org.jcwmp.core.rpc.RequestDownloadResponse;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.rpc.TransferCompleteResponse;
import org.jcwmp.core.soap.Envelope;
import org.jcwmp.core.soap.SoapCodec;
import org.jcwmp.core.soap.SoapException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ACS's CWMP endpoint: one HTTP POST at a time of one session, tied together by the "session" cookie.
 * Inform opens the session; the CPE's own requests are answered; each empty POST is answered with the device's
 * next queued task, each CPE response is recorded, and an empty 204 ends the session when nothing is left.
 * It works on the servlet request and response of Jetty's own handler (see {@code CwmpServer}), without a web
 * framework in between (docs/benchmarks.md, "CWMP without Javalin").
 */
public final class CwmpEndpoint {
    static final String COOKIE = "session";
    private static final Logger log = LoggerFactory.getLogger(CwmpEndpoint.class);
    private static final List<String> ACS_METHODS = List.of("Inform", "GetRPCMethods", "TransferComplete",
            "AutonomousTransferComplete", "RequestDownload", "DUStateChangeComplete", "AutonomousDUStateChangeComplete");

    private final SoapCodec codec;
    private final CpeAuthenticator authenticator;
    private final DeviceStore devices;
    private final TaskService tasks;
    private final SessionRegistry sessions;
    private final Cluster cluster;
    private final AcsListener listener;
    private volatile SessionHook provisioning = SessionHook.NONE;
    private volatile int maxSessions = Integer.MAX_VALUE;
    private volatile int retryAfterSeconds = 10;
    private volatile java.util.function.BiFunction<String, RequestDownload,
            Optional<? extends com.fasterxml.jackson.databind.JsonNode>> requestDownloads = (d, r) -> Optional.empty();

    public CwmpEndpoint(SoapCodec codec, CpeAuthenticator authenticator, DeviceStore devices, TaskService tasks,
                        Duration sessionTimeout, AcsListener listener) {
        this(codec, authenticator, devices, tasks, sessionTimeout, listener, Cluster.single("local"));
    }

    /** An endpoint that is one node of several on one store (see {@link Cluster}). */
    public CwmpEndpoint(SoapCodec codec, CpeAuthenticator authenticator, DeviceStore devices, TaskService tasks,
                        Duration sessionTimeout, AcsListener listener, Cluster cluster) {
        this.codec = codec;
        this.authenticator = authenticator;
        this.devices = devices;
        this.tasks = tasks;
        this.cluster = cluster;
        this.sessions = new SessionRegistry(sessionTimeout, tasks, cluster);
        this.listener = listener;
    }

    /**
     * Backpressure: with this many sessions open, a CPE that starts another is answered 503 with Retry-After (it
     * tries again later, as after any failed session) while the open ones run to their end.
     */
    public void maxSessions(int max, int retryAfterSeconds) {
        this.maxSessions = max;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The provisioning engine, asked at each Inform and when a session's queue runs empty. */
    public void provisioning(SessionHook hook) {
        this.provisioning = hook;
    }

    /** What answers a CPE's RequestDownload: the download task to queue for the device, if any (none by default). */
    public void requestDownloads(java.util.function.BiFunction<String, RequestDownload,
            Optional<? extends com.fasterxml.jackson.databind.JsonNode>> offers) {
        this.requestDownloads = offers;
    }

    /** True while the device has a session open on this node or another live one. */
    public boolean inSession(String deviceId) {
        return sessions.isOpen(deviceId) || cluster.inSessionElsewhere(deviceId);
    }

    /** Those of the devices that have a session open on this node or another live one (one query for all). */
    public Set<String> inSession(Collection<String> deviceIds) {
        Set<String> open = new HashSet<>();
        List<String> others = new ArrayList<>();
        for (String id : deviceIds) {
            if (sessions.isOpen(id)) {
                open.add(id);
            } else {
                others.add(id);
            }
        }
        if (!others.isEmpty()) {
            open.addAll(cluster.inSessionElsewhere(others));
        }
        return open;
    }

    /** The device Informed on another node: its session here ends, and nothing more is sent in it. */
    public void sessionMovedAway(String deviceId) {
        if (sessions.movedAway(deviceId)) {
            log.info("device {} opened a session on another ACS node; its session here ended", deviceId);
            listener.sessionEnded(deviceId);
        }
    }

    /** Drops idle sessions; called periodically. */
    public void sweep() {
        sessions.sweep();
    }

    /**
     * Answers one CWMP POST. A body longer than the codec's limit is refused with 413 when its Content-Length says
     * so, and read no further than the limit otherwise (the codec then refuses it with 400).
     */
    public void handle(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType("text/plain");
        byte[] body = body(req);
        if (body == null) {
            log.warn("Body greater than max size ({} bytes)", codec.maxBodyBytes());
            text(res, 413, "Content Too Large");
            return;
        }
        CwmpSession session = sessions.get(cookie(req));
        if (session == null) {
            if (sessions.openCount() >= maxSessions) {
                res.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
                text(res, 503, "the ACS is busy: try again later");
                listener.sessionRefused();
                return;
            }
            if (authenticator.authenticate(req, res)) {
                openSession(res, body);
            }
            return;
        }
        synchronized (session) {
            session.lastSeenNanos = System.nanoTime();
            if (isEmpty(body)) {
                sendNextRequest(res, session, true);
                return;
            }
            Envelope envelope;
            try {
                envelope = codec.decode(body);
            } catch (SoapException e) {
                refuse(res, session, e);
                return;
            }
            switch (envelope.body()) {
                case CwmpResponse response -> {
                    taskAnswered(session, envelope, response);
                    sendNextRequest(res, session, false);
                }
                case Fault fault -> {
                    taskAnswered(session, envelope, fault);
                    sendNextRequest(res, session, false);
                }
                case Inform inform -> {
                    // The CPE started over (it gave up on this session but kept the cookie): a new session.
                    sessions.close(session);
                    if (authenticator.authenticate(req, res)) {
                        startSession(res, envelope, inform);
                    }
                }
                case CwmpRequest request -> {
                    reply(res, envelope.reply(answer(session, request)));
                    listener.cpeRequest(session.deviceId, request);
                }
            }
        }
    }

    private void openSession(HttpServletResponse res, byte[] body) throws IOException {
        if (isEmpty(body)) {
            text(res, 400, "a CWMP session starts with an Inform, not an empty POST");
            return;
        }
        Envelope envelope;
        try {
            envelope = codec.decode(body);
        } catch (SoapException e) {
            refuse(res, null, e);
            return;
        }
        if (!(envelope.body() instanceof Inform inform)) {
            text(res, 400, "a CWMP session starts with an Inform, not " + envelope.body().methodName());
            return;
        }
        startSession(res, envelope, inform);
    }

    private void startSession(HttpServletResponse res, Envelope envelope, Inform inform) throws IOException {
        String useVersion = null;
        if (envelope.supportedCwmpVersions() != null) {
            useVersion = CwmpVersions.highestCommon(envelope.supportedCwmpVersions());
            if (useVersion == null) {
                reply(res, envelope.reply(new Fault(FaultCode.ACS_VERSION_INCOMPATIBLE,
                        "the ACS speaks CWMP " + CwmpVersions.ACS_SUPPORTED + ", the CPE " + envelope.supportedCwmpVersions())));
                return;
            }
        }
        Device device = devices.recordInform(inform, Instant.now());
        // Before anything is queued or taken: the session another node still had for the device ends, and what that
        // node had sent without an answer is queued again for this one.
        cluster.sessionOpened(device.id());
        provisioning.informReceived(device, inform); // queues what presets want, to run in this session
        CwmpSession session = sessions.open(device.id(), envelope.version());
        Cookie cookie = new Cookie(COOKIE, session.id);
        cookie.setPath("/");
        res.addCookie(cookie);
        // While the ACS has work queued, the CPE holds its own requests (TransferComplete, ...) until that is done.
        Boolean hold = tasks.hasQueued(device.id()) ? Boolean.TRUE : null;
        reply(res, new Envelope(envelope.version(), envelope.id(), hold, null, null, useVersion, new InformResponse(1)));
        listener.informed(device, inform);
    }

    /** A response or fault from the CPE ends the task the ACS sent under that cwmp:ID. */
    private void taskAnswered(CwmpSession session, Envelope envelope, CwmpMessage answer) {
        TaskService.Running running = session.inFlight;
        if (running == null || (envelope.id() != null && !envelope.id().equals(session.inFlightId))) {
            log.warn("device {} answered cwmp:ID {} with {}, which the ACS did not ask for", session.deviceId,
                    envelope.id(), answer.methodName());
            return;
        }
        session.inFlight = null;
        Task task = switch (answer) {
            case Fault f -> tasks.failed(running, f);
            case CwmpResponse r -> tasks.completed(running, r);
            default -> throw new IllegalStateException();
        };
        if (task.status().finished()) {
            listener.taskFinished(task);
        } else {
            listener.taskAwaiting(task); // the CPE completes it later (TransferComplete), outside this exchange
        }
    }

    /**
     * Answers a CPE POST with the device's next task. With none left the ACS answers 204; when that answers an empty
     * POST the session is over, otherwise the CPE may still send its own requests in it.
     */
    private void sendNextRequest(HttpServletResponse res, CwmpSession session, boolean cpeDone) throws IOException {
        if (session.inFlight != null) {
            // An empty POST while a request is unanswered: the CPE dropped it; run it in a later session.
            tasks.interrupted(session.inFlight);
            session.inFlight = null;
        }
        Optional<TaskService.Running> next = tasks.next(session.deviceId);
        if (next.isEmpty() && provisioning.drained(session.deviceId)) {
            next = tasks.next(session.deviceId);
        }
        if (next.isEmpty()) {
            res.setStatus(204);
            if (cpeDone) {
                sessions.close(session);
            } else {
                sessions.acsDone(session);
            }
            listener.sessionEnded(session.deviceId);
            return;
        }
        sessions.resume(session);
        session.inFlight = next.get();
        session.inFlightId = session.nextRequestId();
        Boolean hold = tasks.hasQueued(session.deviceId) ? Boolean.TRUE : null;
        reply(res, new Envelope(session.version, session.inFlightId, hold, null, null, null, next.get().request()));
    }

    /** Answers a request the CPE makes inside its session. */
    private CwmpMessage answer(CwmpSession session, CwmpRequest request) {
        return switch (request) {
            case GetRPCMethods ignored -> new GetRPCMethodsResponse(ACS_METHODS);
            case TransferComplete tc -> {
                tasks.transferCompleted(session.deviceId, tc).ifPresentOrElse(listener::taskFinished, () ->
                        log.info("device {} completed a transfer with CommandKey \"{}\" that no task waits for",
                                session.deviceId, tc.commandKey()));
                yield new TransferCompleteResponse();
            }
            case AutonomousTransferComplete atc -> {
                devices.recordEvent(session.deviceId, "AutonomousTransferComplete",
                        atc.targetFileName() == null ? "" : atc.targetFileName(), Instant.now());
                yield new AutonomousTransferCompleteResponse();
            }
            case RequestDownload rd -> {
                try {
                    // queued now, sent in answer to the CPE's next empty POST of this session
                    requestDownloads.apply(session.deviceId, rd).ifPresent(t -> tasks.queue(session.deviceId, t));
                } catch (RuntimeException e) {
                    log.warn("no Download for {}'s RequestDownload: {}", session.deviceId, e.toString());
                }
                yield new RequestDownloadResponse();
            }
            case DUStateChangeComplete dc -> {
                tasks.duStateChangeCompleted(session.deviceId, dc).ifPresentOrElse(listener::taskFinished, () ->
                        log.info("device {} completed a DU state change with CommandKey \"{}\" that no task waits for",
                                session.deviceId, dc.commandKey()));
                yield new DUStateChangeCompleteResponse();
            }
            case AutonomousDUStateChangeComplete adc -> {
                devices.recordEvent(session.deviceId, "AutonomousDUStateChangeComplete", "", Instant.now());
                yield new AutonomousDUStateChangeCompleteResponse();
            }
            default -> new Fault(FaultCode.METHOD_NOT_SUPPORTED,
                    request.methodName() + " is not a method a CPE may call on the ACS");
        };
    }

    /** Bodies that cannot be read: an unknown method is a CWMP fault 8000, anything else HTTP 400. */
    private void refuse(HttpServletResponse res, CwmpSession session, SoapException e) throws IOException {
        log.info("refused a CWMP body{}: {}", session == null ? "" : " from " + session.deviceId, e.getMessage());
        if (e.unknownMethod()) {
            reply(res, Envelope.of(e.version(), e.id(), new Fault(FaultCode.METHOD_NOT_SUPPORTED, e.getMessage())));
        } else {
            text(res, 400, "not a CWMP message: " + e.getMessage());
        }
    }

    private void reply(HttpServletResponse res, Envelope envelope) throws IOException {
        res.setContentType("text/xml; charset=utf-8");
        res.getOutputStream().write(codec.encode(envelope));
    }

    private static void text(HttpServletResponse res, int status, String text) throws IOException {
        res.setStatus(status);
        res.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** The body, or null when its Content-Length is above the limit; a longer body without one is cut after it. */
    private byte[] body(HttpServletRequest req) throws IOException {
        int max = codec.maxBodyBytes();
        if (req.getContentLengthLong() > max) {
            return null;
        }
        return req.getInputStream().readNBytes(max + 1); // one byte more than the limit: the codec refuses it
    }

    private static boolean isEmpty(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\r' && b != '\n' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
