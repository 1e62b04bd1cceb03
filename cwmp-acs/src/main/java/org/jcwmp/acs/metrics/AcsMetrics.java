package org.jcwmp.acs.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.connreq.ConnectionRequestOutcome;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The ACS's Prometheus metrics (scraped at /metrics): sessions, Informs by event, RPC outcomes by method and fault,
 * connection-request latency per mechanism, store and provisioning timings, the JVM.
 */
public final class AcsMetrics implements AcsListener, AutoCloseable {
    private static final java.util.regex.Pattern STANDARD_EVENT = java.util.regex.Pattern.compile("[0-9]{1,2} [A-Z ]{1,40}");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Set<String> inSession = ConcurrentHashMap.newKeySet();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter sessions;
    /** By event tag: registered once each, not looked up by name and tags on every Inform. */
    private final java.util.Map<String, Counter> informs = new ConcurrentHashMap<>();

    /** @param stillInSession tells whether a device's session is still open (sessions may end by timing out) */
    public AcsMetrics(Predicate<String> stillInSession) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        Gauge.builder("jcwmp_sessions_open", () -> {
            inSession.removeIf(stillInSession.negate());
            return inSession.size();
        }).description("CWMP sessions open on this node").register(registry);
        sessions = Counter.builder("jcwmp_sessions").description("CWMP sessions opened (Informs answered)").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void informed(Device device, Inform inform) {
        inSession.add(device.id());
        sessions.increment();
        for (EventStruct e : inform.event()) {
            informs.computeIfAbsent(eventTag(e.eventCode()), tag -> Counter.builder("jcwmp_informs")
                    .description("Inform events received, by event code").tag("event", tag).register(registry)).increment();
        }
    }

    @Override
    public void taskFinished(Task task) {
        Counter.builder("jcwmp_rpc").description("RPCs the ACS sent to CPEs, by method and outcome")
                .tag("method", method(task.name()))
                .tag("outcome", task.status() == TaskStatus.DONE ? "ok" : "fault")
                .tag("fault", task.faultCode() == null ? "" : String.valueOf(task.faultCode()))
                .register(registry).increment();
    }

    @Override
    public void sessionEnded(String deviceId) {
        inSession.remove(deviceId);
    }

    @Override
    public void sessionRefused() {
        Counter.builder("jcwmp_sessions_refused").description("CWMP sessions turned away with 503 (backpressure)")
                .register(registry).increment();
    }

    public void connectionRequest(ConnectionRequestOutcome o) {
        Timer.builder("jcwmp_connection_request").description("Connection requests from sending to the CPE's answer")
                .tag("mechanism", o.mechanism()).tag("delivered", String.valueOf(o.delivered()))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(o.elapsed());
    }

    /** Times a store operation the NBI or the provisioning engine runs. */
    public <T> T store(String operation, Supplier<T> work) {
        return Timer.builder("jcwmp_store").description("Store operations run by the NBI and the provisioning engine")
                .tag("operation", operation).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry).record(work);
    }

    public void provisioning(Duration took, int rpcs) {
        Timer.builder("jcwmp_provisioning").description("Preset evaluation per session round").register(registry).record(took);
        Counter.builder("jcwmp_provisioning_rpcs").description("RPCs queued by presets").register(registry).increment(rpcs);
    }

    public void nbiRequest(String method, int status) {
        Counter.builder("jcwmp_nbi_requests").description("NBI calls by method and status class")
                .tag("method", method).tag("status", status / 100 + "xx").register(registry).increment();
    }

    /** "4 VALUE CHANGE" stays; vendor and method events (M ..., X ...) are grouped to bound the label's values. */
    private static String eventTag(String code) {
        if (code.startsWith("M ")) {
            return "M";
        }
        if (code.startsWith("X ")) {
            return "X";
        }
        return STANDARD_EVENT.matcher(code).matches() ? code : "other";
    }

    private static String method(String taskName) {
        return taskName.isEmpty() ? taskName : taskName.substring(0, 1).toUpperCase(Locale.ROOT) + taskName.substring(1);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
