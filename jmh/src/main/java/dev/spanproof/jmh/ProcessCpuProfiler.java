package dev.spanproof.jmh;

import com.sun.management.OperatingSystemMXBean;
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
 * The CPU time the benchmark's JVM used per operation ({@code cpu.time.norm}, ns/op), next to the
 * wall-clock score: on a machine shared with other work, a thread waiting for a core adds to the
 * wall time of whatever it measures but not to its CPU time, so CPU time compares variants of one
 * run even when the wall times' error bars overlap. It counts every thread of the forked JVM
 * (benchmark, JIT compiler, GC, JMH's own), so it reads a little higher than the work measured; use
 * it for differences between variants of the same run. Use with {@code -prof
 * dev.spanproof.jmh.ProcessCpuProfiler}.
 */
public final class ProcessCpuProfiler implements InternalProfiler {

  private final OperatingSystemMXBean system =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuAtStart;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM per operation, less sensitive to other load than wall time";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuAtStart = system.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams,
      IterationParams iterationParams,
      IterationResult iterationResult) {
    long cpu = system.getProcessCpuTime() - cpuAtStart;
    long operations = iterationResult.getMetadata().getAllOps();
    return List.of(
        new ScalarResult(
            "cpu.time.norm", (double) cpu / operations, "ns/op", AggregationPolicy.AVG));
  }
}
