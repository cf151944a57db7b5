package dev.spanproof.jmh;

import dev.spanproof.jmh.ExtensionPerTestBenchmark.Measure;
import dev.spanproof.jmh.ExtensionPerTestBenchmark.Variant;
import dev.spanproof.jmh.fixtures.ManyTestsFixture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The results of {@link ExtensionPerTestBenchmark}, per iteration: for each variant ({@code none},
 * {@code spanproof}, {@code spanprooffield}, {@code otel}, {@code callbacks}, {@code otelshaped})
 * the cost of one more test, {@code (x(200) - x(1)) / 199}, in the run thread's CPU time ({@code
 * <variant>.test.cpu}, µs; no JIT, GC or waiting time in it), wall time ({@code .test.wall}, µs)
 * and allocation ({@code .test.alloc}, B); the differences {@code spanproof-none}, {@code
 * otel-none}, {@code spanproof-otel}, {@code callbacks-none}, {@code otelshaped-none} and {@code
 * spanprooffield-none} of each, and each extension's own work above a do-nothing extension of its
 * shape ({@code spanproof-callbacks}, {@code otel-otelshaped}), paired within the iteration; and
 * the CPU time of a one-test run ({@code <variant>.run1.cpu}, µs: the once-per-class cost and the
 * launcher's). Use with {@code -prof dev.spanproof.jmh.ExtensionPerTestProfiler}; it reports
 * nothing for other benchmarks.
 */
public final class ExtensionPerTestProfiler implements InternalProfiler {

  private static final int EXTRA_TESTS = ManyTestsFixture.TEST_COUNT - 1;

  private final Map<Variant, long[]> atStart = new EnumMap<>(Variant.class);

  @Override
  public String getDescription() {
    return "per-test CPU time, wall time and allocation of each ExtensionPerTestBenchmark variant";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    ExtensionPerTestBenchmark.TOTALS.forEach(
        (variant, totals) -> {
          long[] copy = new long[totals.length()];
          for (int i = 0; i < copy.length; i++) {
            copy[i] = totals.get(i);
          }
          atStart.put(variant, copy);
        });
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams,
      IterationParams iterationParams,
      IterationResult iterationResult) {
    if (!benchmarkParams.getBenchmark().startsWith(ExtensionPerTestBenchmark.class.getName())) {
      return List.of();
    }
    long operations = iterationResult.getMetadata().getAllOps();
    List<Result<?>> results = new ArrayList<>();
    for (Measure measure : Measure.values()) {
      double none = perTest(Variant.NONE, measure, operations);
      double spanproof = perTest(Variant.SPANPROOF, measure, operations);
      double otel = perTest(Variant.OPENTELEMETRY, measure, operations);
      double callbacks = perTest(Variant.CALLBACKS_ONLY, measure, operations);
      double otelShaped = perTest(Variant.OPENTELEMETRY_SHAPED, measure, operations);
      double spanproofOnField = perTest(Variant.SPANPROOF_ON_FIELD, measure, operations);
      String suffix = ".test." + measure.name().toLowerCase(Locale.ROOT);
      String unit = measure == Measure.ALLOC ? "B/test" : "us/test";
      results.add(result("none" + suffix, none, unit));
      results.add(result("spanproof" + suffix, spanproof, unit));
      results.add(result("otel" + suffix, otel, unit));
      results.add(result("spanproof-none" + suffix, spanproof - none, unit));
      results.add(result("otel-none" + suffix, otel - none, unit));
      results.add(result("spanproof-otel" + suffix, spanproof - otel, unit));
      results.add(result("callbacks" + suffix, callbacks, unit));
      results.add(result("callbacks-none" + suffix, callbacks - none, unit));
      results.add(result("otelshaped-none" + suffix, otelShaped - none, unit));
      results.add(result("spanprooffield-none" + suffix, spanproofOnField - none, unit));
      // Each extension's own work: its cost above a do-nothing extension of its shape.
      results.add(result("spanproof-callbacks" + suffix, spanproof - callbacks, unit));
      results.add(result("otel-otelshaped" + suffix, otel - otelShaped, unit));
    }
    for (Variant variant : Variant.values()) {
      double cpu = delta(variant, false, Measure.CPU) / 1_000.0 / operations;
      results.add(result(variant.metric + ".run1.cpu", cpu, "us/op"));
    }
    return results;
  }

  private double perTest(Variant variant, Measure measure, long operations) {
    double extra = delta(variant, true, measure) - delta(variant, false, measure);
    double perTest = extra / operations / EXTRA_TESTS;
    return measure == Measure.ALLOC ? perTest : perTest / 1_000.0;
  }

  private long delta(Variant variant, boolean wholeClass, Measure measure) {
    int slot = ExtensionPerTestBenchmark.slot(wholeClass, measure);
    return ExtensionPerTestBenchmark.TOTALS.get(variant).get(slot) - atStart.get(variant)[slot];
  }

  private static ScalarResult result(String label, double value, String unit) {
    return new ScalarResult(label, value, unit, AggregationPolicy.AVG);
  }
}
