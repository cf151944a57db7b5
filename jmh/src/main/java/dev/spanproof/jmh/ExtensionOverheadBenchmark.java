package dev.spanproof.jmh;

import dev.spanproof.jmh.fixtures.OpenTelemetrySmallTestsFixture;
import dev.spanproof.jmh.fixtures.PlainSmallTestsFixture;
import dev.spanproof.jmh.fixtures.SmallTestsFixture;
import dev.spanproof.jmh.fixtures.SpanproofSmallTestsFixture;
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
 * What a JUnit extension adds to each test: one run of a fixture class through the JUnit Platform
 * Launcher (discovery, class set-up, the tests, tear-down), with spanproof's {@code
 * TracingExtension}, with sdk-testing's {@code OpenTelemetryExtension}, and with no extension.
 *
 * <p>Each test starts and ends three spans. Run with {@code tests=1} and {@code tests=20}: the
 * per-test cost of an extension is {@code (t(20) - t(1)) / 19} minus the same for {@code NONE};
 * {@code t(1)} minus that marginal cost is the once-per-class cost (for spanproof: a new harness).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ExtensionOverheadBenchmark {

  /** Which extension the fixture's tests run under. */
  public enum Extension {
    NONE(PlainSmallTestsFixture.class),
    SPANPROOF(SpanproofSmallTestsFixture.class),
    OPENTELEMETRY(OpenTelemetrySmallTestsFixture.class);

    private final Class<? extends SmallTestsFixture> fixture;

    Extension(Class<? extends SmallTestsFixture> fixture) {
      this.fixture = fixture;
    }
  }

  @Param public Extension extension;

  @Param({"1", "20"})
  public int tests;

  LauncherRun run;

  @Setup(Level.Trial)
  public void prepare() {
    run = LauncherRun.prepared(extension.fixture, tests, extension + " fixture");
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
