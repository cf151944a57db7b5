package dev.spanproof.jmh;

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
 * The CPU time of the benchmark thread alone per {@link LauncherRun} ({@code run.thread.cpu},
 * µs/op): unlike {@link ProcessCpuProfiler}, no JIT compiler, GC or JMH thread is in it, and unlike
 * the wall-clock score, no time spent waiting for a core. On a machine shared with other work this
 * is what tells the per-test benchmarks' variants apart. Only benchmarks that run through {@link
 * LauncherRun} report it. Use with {@code -prof dev.spanproof.jmh.LauncherThreadCpuProfiler}.
 */
public final class LauncherThreadCpuProfiler implements InternalProfiler {

  private long cpuAtStart;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark thread per Launcher run, without JIT, GC or waiting time";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuAtStart = LauncherRun.RUN_THREAD_CPU_NANOS.get();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams,
      IterationParams iterationParams,
      IterationResult iterationResult) {
    long cpu = LauncherRun.RUN_THREAD_CPU_NANOS.get() - cpuAtStart;
    long operations = iterationResult.getMetadata().getAllOps();
    return List.of(
        new ScalarResult(
            "run.thread.cpu", cpu / 1_000.0 / operations, "us/op", AggregationPolicy.AVG));
  }
}
