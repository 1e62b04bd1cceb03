package org.jcwmp.app;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that adds the CPU time of the benchmark's JVM per operation (all its threads: the benchmark's,
 * JIT, GC) as {@code cpu.time.norm}. On a machine shared with other work the time per operation grows with the
 * other load; the CPU spent per operation much less so.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long before;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark's JVM per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        before = OS.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                       IterationResult result) {
        long ops = Math.max(1, result.getMetadata().getAllOps());
        double micros = (OS.getProcessCpuTime() - before) / 1e3 / ops;
        return List.of(new ScalarResult("cpu.time.norm", micros, "us/op", AggregationPolicy.AVG));
    }
}
