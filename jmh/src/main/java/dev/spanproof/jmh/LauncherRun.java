package dev.spanproof.jmh;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.spanproof.jmh.fixtures.SmallTestsFixture;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Tests of a fixture class (the first tests of a {@link SmallTestsFixture}, or a whole class, or
 * one method) run through the JUnit Platform Launcher, as the per-test benchmarks measure them: the
 * launcher (engine lookup) and the discovery request are built once, in set-up, so that a measured
 * run is {@code launcher.execute} alone, from discovery to the last tear-down, single-threaded.
 */
final class LauncherRun {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * CPU time the measured runs spent on their own thread, summed over every run in this JVM: read
   * by {@link LauncherThreadCpuProfiler}, which needs no JIT or GC thread in it.
   */
  static final AtomicLong RUN_THREAD_CPU_NANOS = new AtomicLong();

  private final String label;
  private final Launcher launcher;
  private final LauncherDiscoveryRequest request;
  private final OutcomeCounter outcomes = new OutcomeCounter();

  private LauncherRun(String label, Launcher launcher, LauncherDiscoveryRequest request) {
    this.label = label;
    this.launcher = launcher;
    this.request = request;
  }

  /**
   * Prepares a run of the fixture's first {@code tests} tests (the whole class when that is all of
   * them) and runs it once, failing unless every test passes; {@code label} names the variant in
   * that failure.
   */
  static LauncherRun prepared(Class<? extends SmallTestsFixture> fixture, int tests, String label) {
    if (tests == SmallTestsFixture.TEST_COUNT) {
      return ofClass(fixture, tests, label);
    }
    List<DiscoverySelector> selectors = new ArrayList<>();
    for (int i = 1; i <= tests; i++) {
      selectors.add(selectMethod(fixture, String.format("test%02d", i)));
    }
    return checked(selectors, tests, label);
  }

  /**
   * Prepares a run of the whole fixture class, which declares {@code tests} tests, and runs it
   * once, failing unless every test passes.
   */
  static LauncherRun ofClass(Class<?> fixture, int tests, String label) {
    return checked(List.of(selectClass(fixture)), tests, label);
  }

  /**
   * Prepares a run of one test method of the fixture and runs it once, failing unless it passes.
   */
  static LauncherRun ofMethod(Class<?> fixture, String method, String label) {
    return checked(List.of(selectMethod(fixture, method)), 1, label);
  }

  private static LauncherRun checked(
      List<? extends DiscoverySelector> selectors, int tests, String label) {
    LauncherRun run =
        new LauncherRun(
            label,
            LauncherFactory.create(
                LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .build()),
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .build());
    run.launcher.execute(run.request, run.outcomes);
    if (run.outcomes.succeeded != tests || run.outcomes.failed != 0) {
      throw new IllegalStateException(
          label
              + ": expected "
              + tests
              + " passing tests, got "
              + run.outcomes.succeeded
              + " passed and "
              + run.outcomes.failed
              + " failed: "
              + run.outcomes.firstFailure);
    }
    return run;
  }

  /**
   * The measured run: the outcome counter is sunk, and any failing test stops the run. Its thread's
   * CPU time is added to {@link #RUN_THREAD_CPU_NANOS} (two reads of the thread's clock, about a
   * microsecond, against runs of hundreds of microseconds).
   */
  void execute(Blackhole blackhole) {
    OutcomeCounter counter = outcomes;
    counter.failed = 0;
    long cpuAtStart = THREADS.getCurrentThreadCpuTime();
    launcher.execute(request, counter);
    RUN_THREAD_CPU_NANOS.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuAtStart);
    if (counter.failed != 0) {
      throw new IllegalStateException(label + " failed: " + counter.firstFailure);
    }
    blackhole.consume(counter);
  }

  /** Counts finished tests (containers are not tests). */
  private static final class OutcomeCounter implements TestExecutionListener {
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
