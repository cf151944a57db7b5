package dev.spanproof.jmh;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.spanproof.jmh.fixtures.OpenTelemetrySmallTestsFixture;
import dev.spanproof.jmh.fixtures.PlainSmallTestsFixture;
import dev.spanproof.jmh.fixtures.SmallTestsFixture;
import dev.spanproof.jmh.fixtures.SpanproofSmallTestsFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
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

  Launcher launcher;
  LauncherDiscoveryRequest request;
  OutcomeCounter outcomes;

  @Setup(Level.Trial)
  public void prepare() {
    launcher =
        LauncherFactory.create(
            LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
    List<DiscoverySelector> selectors = new ArrayList<>();
    if (tests == SmallTestsFixture.TEST_COUNT) {
      selectors.add(selectClass(extension.fixture));
    } else {
      for (int i = 1; i <= tests; i++) {
        selectors.add(selectMethod(extension.fixture, String.format("test%02d", i)));
      }
    }
    request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectors)
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
            .build();
    outcomes = new OutcomeCounter();
    launcher.execute(request, outcomes);
    if (outcomes.succeeded != tests || outcomes.failed != 0) {
      throw new IllegalStateException(
          extension
              + " fixture: expected "
              + tests
              + " passing tests, got "
              + outcomes.succeeded
              + " passed and "
              + outcomes.failed
              + " failed: "
              + outcomes.firstFailure);
    }
  }

  /**
   * Measured: {@code launcher.execute} of the fixture selection, from discovery to the last
   * tear-down, single-threaded. Isolated: the launcher (engine lookup) and the discovery request
   * are built in set-up; the outcome counter is sunk, and any failing test stops the run.
   */
  @Benchmark
  public void runFixture(Blackhole blackhole) {
    OutcomeCounter counter = outcomes;
    counter.failed = 0;
    launcher.execute(request, counter);
    if (counter.failed != 0) {
      throw new IllegalStateException(extension + " fixture failed: " + counter.firstFailure);
    }
    blackhole.consume(counter);
  }

  /** Counts finished tests (containers are not tests). */
  static final class OutcomeCounter implements TestExecutionListener {
    int succeeded;
    int failed;
    Throwable firstFailure;

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        failed++;
        if (firstFailure == null) {
          firstFailure = result.getThrowable().orElse(null);
        }
      } else if (identifier.isTest()) {
        succeeded++;
      }
    }
  }
}
