package org.jcwmp.sim.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.sim.DataModelTemplate;
import org.jcwmp.sim.Fleet;

/**
 * Heap per simulated CPE: heap used after GC with the template loaded, then again with N devices that have
 * bootstrapped against an ACS, have a periodic Inform scheduled and carry two values and a ParameterKey set as an ACS would; the
 * difference divided by N. Run it against an ACS in another JVM for the simulator's own figure.
 */
public final class MemoryBenchmark {

    public record Result(int devices, long baseBytes, long fleetBytes, double bytesPerDevice, double bootSeconds) {
    }

    private MemoryBenchmark() {
    }

    public static Result run(URI acsUrl, String user, String password, int devices, int concurrency, PrintStream out)
            throws InterruptedException {
        DataModelTemplate template = DataModelTemplate.of("home-gateway");
        long base = usedAfterGc();
        Fleet fleet = Fleet.builder().acsUrl(acsUrl).template(template).devices(devices).acsCredentials(user, password)
                .connectionRequestListener("127.0.0.1", 0).bootStorm(true).maxConcurrentSessions(concurrency)
                .informInterval(Duration.ofHours(1)).retryMinimumWait(Duration.ofSeconds(1)).build();
        try {
            long t0 = System.nanoTime();
            fleet.start();
            long deadline = t0 + Duration.ofMinutes(10).toNanos();
            while (fleet.bootstrapped() < devices) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + fleet.bootstrapped() + " devices bootstrapped; last error "
                            + fleet.stats().lastError);
                }
                Thread.sleep(200);
            }
            double boot = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "%d devices bootstrapped in %.1f s%n", devices, boot);
            for (int i = 0; i < devices; i++) {
                fleet.device(i).answer(new SetParameterValues(List.of(
                        new ParameterValueStruct("Device.ManagementServer.PeriodicInformInterval", Integer.toString(300 + i % 600), "xsd:unsignedInt"),
                        new ParameterValueStruct("Device.Time.NTPServer1", "ntp" + (i % 7) + ".example.net", "xsd:string")),
                        "bench-" + i));
            }
            long used = usedAfterGc();
            return new Result(devices, base, used, (double) (used - base) / devices, boot);
        } finally {
            fleet.close();
        }
    }

    /** The heap in use after garbage collection (the least of three tries). */
    public static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
