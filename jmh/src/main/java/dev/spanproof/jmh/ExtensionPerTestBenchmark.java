package dev.spanproof.jmh;

import dev.spanproof.core.internal.ScopeTracking;
import dev.spanproof.jmh.fixtures.CallbacksOnlyManyTestsFixture;
import dev.spanproof.jmh.fixtures.ManyTestsFixture;
import dev.spanproof.jmh.fixtures.OpenTelemetryManyTestsFixture;
import dev.spanproof.jmh.fixtures.OpenTelemetryShapedManyTestsFixture;
import dev.spanproof.jmh.fixtures.PlainManyTestsFixture;
import dev.spanproof.jmh.fixtures.SpanproofFieldManyTestsFixture;
import dev.spanproof.jmh.fixtures.SpanproofManyTestsFixture;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-test cost of spanproof's {@code TracingExtension} and sdk-testing's {@code
 * OpenTelemetryExtension}, against no extension, resolved in time as well as allocation: the
 * variants of {@link ExtensionOverheadBenchmark}, spanproof's also registered on a static field,
 * and two do-nothing extensions shaped as the two extensions (what JUnit charges for calling them),
 * run interleaved in one JVM, each over a class of {@value ManyTestsFixture#TEST_COUNT} tests.
 *
 * <p>One operation runs, for each variant in turn (the first variant rotating from one operation to
 * the next), its fixture's first test alone and then its whole class, through the Launcher. The run
 * thread's CPU time, wall time and allocated bytes of each of the runs are added up per variant,
 * and {@link ExtensionPerTestProfiler} reports per iteration, per variant, {@code (x(200) - x(1)) /
 * 199}, and the differences between variants. Interleaving pairs the variants: they share the JIT's
 * state of JUnit's code, the heap and the machine's load at the moment, which the forks of {@link
 * ExtensionOverheadBenchmark} do not (there one fork of a variant may run at up to 2.6 times
 * another fork's level; see docs/benchmarks.md). The primary score, the time of one operation, is
 * the sum of the runs and not a result. Run with {@code -prof
 * dev.spanproof.jmh.ExtensionPerTestProfiler}.
 *
 * <p>Every variant runs with spanproof's context storage wrapper installed, as in {@link
 * ExtensionOverheadBenchmark} (the extension's launcher session listener installs it in every
 * Launcher run) and in any suite with the extension on its class path; set-up checks it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 5,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 10, time = 2)
@State(Scope.Benchmark)
public class ExtensionPerTestBenchmark {

  /** The variants, in the order of the profiler's metrics. */
  enum Variant {
    NONE("none", PlainManyTestsFixture.class),
    SPANPROOF("spanproof", SpanproofManyTestsFixture.class),
    /** The same extension on a static field, which JUnit calls at a different cost. */
    SPANPROOF_ON_FIELD("spanprooffield", SpanproofFieldManyTestsFixture.class),
    OPENTELEMETRY("otel", OpenTelemetryManyTestsFixture.class),
    /** TracingExtension's callbacks doing nothing: JUnit's share of an extension's cost. */
    CALLBACKS_ONLY("callbacks", CallbacksOnlyManyTestsFixture.class),
    /** OpenTelemetryExtension's callbacks doing nothing: JUnit's share of sdk-testing's cost. */
    OPENTELEMETRY_SHAPED("otelshaped", OpenTelemetryShapedManyTestsFixture.class);

    final String metric;
    private final Class<? extends ManyTestsFixture> fixture;

    Variant(String metric, Class<? extends ManyTestsFixture> fixture) {
      this.metric = metric;
      this.fixture = fixture;
    }
  }

  /** What is added up per run: the run thread's CPU time, wall time, allocated bytes. */
  enum Measure {
    CPU(0),
    WALL(1),
    ALLOC(2);

    private final int offset;

    Measure(int offset) {
      this.offset = offset;
    }
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static final Variant[] VARIANTS = Variant.values();
  private static final int MEASURES = Measure.values().length;

  /**
   * Per variant, sums over every operation in this JVM, indexed by {@link #slot}; written by the
   * benchmark thread, read between iterations by {@link ExtensionPerTestProfiler}.
   */
  static final Map<Variant, AtomicLongArray> TOTALS = new EnumMap<>(Variant.class);

  static {
    for (Variant variant : VARIANTS) {
      TOTALS.put(variant, new AtomicLongArray(2 * MEASURES));
    }
  }

  private final Map<Variant, LauncherRun> oneTest = new EnumMap<>(Variant.class);
  private final Map<Variant, LauncherRun> wholeClass = new EnumMap<>(Variant.class);
  private int firstVariant;

  /**
   * Where, in a variant's {@link #TOTALS}, the sum of {@code measure} over its one-test or class
   * runs is.
   */
  static int slot(boolean wholeClass, Measure measure) {
    return (wholeClass ? MEASURES : 0) + measure.offset;
  }

  @Setup(Level.Trial)
  public void prepare() {
    for (Variant variant : Variant.values()) {
      oneTest.put(
          variant,
          LauncherRun.ofMethod(variant.fixture, "test001", variant + " fixture, one test"));
      wholeClass.put(
          variant,
          LauncherRun.ofClass(
              variant.fixture, ManyTestsFixture.TEST_COUNT, variant + " fixture, whole class"));
    }
    if (ScopeTracking.install() != ScopeTracking.Installation.INSTALLED) {
      throw new IllegalStateException(
          "spanproof's context storage wrapper is not installed: the variants would not compare");
    }
  }

  /** Measured: the runs of one operation (see the class comment). */
  @Benchmark
  public void allVariants(Blackhole blackhole) {
    int first = firstVariant;
    firstVariant = (first + 1) % VARIANTS.length;
    for (int i = 0; i < VARIANTS.length; i++) {
      Variant variant = VARIANTS[(first + i) % VARIANTS.length];
      measured(oneTest.get(variant), TOTALS.get(variant), false, blackhole);
      measured(wholeClass.get(variant), TOTALS.get(variant), true, blackhole);
    }
  }

  private static void measured(
      LauncherRun run, AtomicLongArray totals, boolean wholeClass, Blackhole blackhole) {
    long allocAtStart = THREADS.getCurrentThreadAllocatedBytes();
    long cpuAtStart = THREADS.getCurrentThreadCpuTime();
    long wallAtStart = System.nanoTime();
    run.execute(blackhole);
    long wall = System.nanoTime() - wallAtStart;
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
    long alloc = THREADS.getCurrentThreadAllocatedBytes() - allocAtStart;
    totals.addAndGet(slot(wholeClass, Measure.CPU), cpu);
    totals.addAndGet(slot(wholeClass, Measure.WALL), wall);
    totals.addAndGet(slot(wholeClass, Measure.ALLOC), alloc);
  }
}
