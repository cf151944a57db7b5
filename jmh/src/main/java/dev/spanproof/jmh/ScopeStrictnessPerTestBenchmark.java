package dev.spanproof.jmh;

import dev.spanproof.core.internal.ScopeTracking;
import dev.spanproof.jmh.fixtures.SpanproofSmallTestsFixture;
import io.opentelemetry.context.ContextStorage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What strict context handling adds to each test: the fixture of {@link ExtensionOverheadBenchmark}
 * (tests of three spans, one scope each, under {@code TracingExtension} with its defaults) through
 * the JUnit Platform Launcher, with the context storage wrapped (the default: every scope watched,
 * the test's with its open stack, and the after-test checks) and without it.
 *
 * <p>Without is how a JVM runs when something used the context storage before the extension could
 * wrap it: the extension then watches nothing and logs one warning. The storage is resolved once
 * per JVM, so each {@link Strictness} runs in forks of its own, and the set-up checks the storage
 * is as the variant says. Per-test cost = {@code (t(tests=20) - t(tests=1)) / 19}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ScopeStrictnessPerTestBenchmark {

  /** Whether the extension can watch scopes in this JVM. */
  public enum Strictness {
    /** The storage resolved before the extension: no wrapper, no scope checks. */
    OFF,
    /** The wrapper installed, as the extension installs it by default. */
    ON
  }

  @Param public Strictness strictness;

  @Param({"1", "20"})
  public int tests;

  LauncherRun run;

  @Setup(Level.Trial)
  public void prepare() {
    if (strictness == Strictness.OFF) {
      ContextStorage.get();
    }
    ScopeTracking.Installation expected =
        strictness == Strictness.OFF
            ? ScopeTracking.Installation.STORAGE_USED_FIRST
            : ScopeTracking.Installation.INSTALLED;
    if (ScopeTracking.install() != expected) {
      throw new IllegalStateException(strictness + ": the context storage is not " + expected);
    }
    run = LauncherRun.prepared(SpanproofSmallTestsFixture.class, tests, strictness + " fixture");
  }

  /**
   * Measured: {@code launcher.execute} of the fixture selection, from discovery to the last
   * tear-down, single-threaded (see {@link LauncherRun}).
   */
  @Benchmark
  public void runFixture(Blackhole blackhole) {
    run.execute(blackhole);
  }
}
