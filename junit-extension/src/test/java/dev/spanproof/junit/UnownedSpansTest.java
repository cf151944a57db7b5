package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.failures;
import static dev.spanproof.junit.EngineRuns.fixedIds;
import static dev.spanproof.junit.EngineRuns.run;
import static dev.spanproof.junit.EngineRuns.withoutLineNumbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class UnownedSpansTest {

  /** A task that does not carry the test's context: context propagation is broken. */
  static final class StartsSpanWithRootContext implements Runnable {
    private final Tracer tracer;
    private final String spanName;

    StartsSpanWithRootContext(Tracer tracer, String spanName) {
      this.tracer = tracer;
      this.spanName = spanName;
    }

    @Override
    public void run() {
      try (var ignored = Context.root().makeCurrent()) {
        tracer.spanBuilder(spanName).startSpan().end();
      }
    }
  }

  static void startSpanOnThreadThatLostTheContext(Tracer tracer) throws InterruptedException {
    Thread thread =
        new Thread(new StartsSpanWithRootContext(tracer, "lost-context"), "lost-context-thread");
    thread.start();
    thread.join();
  }

  static class FailsOnUnowned {
    @RegisterExtension
    static final TracingExtension tracing = fixedIds().unownedSpans(SpanPolicy.FAIL).build();

    @Test
    void startsSpanWithoutContext(Tracer tracer) throws Exception {
      startSpanOnThreadThatLostTheContext(tracer);
    }
  }

  @Test
  void should_report_spans_that_belong_to_no_test_after_the_class_with_thread_and_start_stack() {
    EngineExecutionResults results = run(FailsOnUnowned.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(failureMessages(results.containerEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .isEqualTo(
                        "1 span belongs to no test of "
                            + FailsOnUnowned.class.getName()
                            + " (no test's context reached it; check context propagation to"
                            + " threads and callbacks):\n"
                            + "  span [lost-context] (trace 00000000000000000000000000000001,"
                            + " span 0000000000000001) started outside any capture session on"
                            + " thread [lost-context-thread], started at:\n"
                            + "  \tat "
                            + StartsSpanWithRootContext.class.getName()
                            + ".run(UnownedSpansTest.java:N)"));
  }

  @Test
  void should_say_how_to_see_start_stacks_of_spans_of_no_test_when_they_are_off() {
    EngineExecutionResults results =
        run(
            FailsOnUnowned.class,
            Map.of(SpanproofConfiguration.START_STACKS_PROPERTY_NAME, "false"));

    assertThat(failureMessages(results.containerEvents()))
        .singleElement()
        .asString()
        .endsWith(
            " started outside any capture session on thread [lost-context-thread]\n"
                + "Start stacks are off here (recordStartStacks(false) or"
                + " spanproof.startStacks=false); turn them on to see where each span started.");
  }

  /** Hands work to a pool whose thread once carried its context, and then does not. */
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class LosesContextOnPool {
    @RegisterExtension
    static final TracingExtension tracing = fixedIds().unownedSpans(SpanPolicy.FAIL).build();

    static ExecutorService pool;
    static Tracer tracerOfTheClass;

    @BeforeAll
    static void startPool(Tracer tracer) {
      pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "orders-pool-1"));
      tracerOfTheClass = tracer;
    }

    @Test
    void handsWorkToPool(Tracer tracer) throws Exception {
      pool.submit(
              Context.current().wrap(() -> tracer.spanBuilder("reserveStock").startSpan().end()))
          .get();
      pool.submit(new StartsSpanWithRootContext(tracer, "chargeCard")).get();
    }

    @Test
    void keepsItsContext(Tracer tracer) {
      tracer.spanBuilder("audit").startSpan().end();
    }

    @AfterAll
    static void losesContextOnceMoreAfterTheTests() throws Exception {
      try {
        pool.submit(new StartsSpanWithRootContext(tracerOfTheClass, "sendReceipt")).get();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void should_fail_the_test_last_seen_on_the_pool_of_the_thread_that_lost_the_context() {
    EngineExecutionResults results = run(LosesContextOnPool.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .isEqualTo(
                        "test [LosesContextOnPool.handsWorkToPool(Tracer)] most likely lost the"
                            + " context of 1 span, which belongs to no test: it was the last test"
                            + " seen on the pool of the thread that started it (check context"
                            + " propagation to threads and callbacks):\n"
                            + "  span [chargeCard] (trace 00000000000000000000000000000002, span"
                            + " 0000000000000002) started outside any capture session on thread"
                            + " [orders-pool-1], started at:\n"
                            + "  \tat "
                            + StartsSpanWithRootContext.class.getName()
                            + ".run(UnownedSpansTest.java:N)"));
    assertThat(failureMessages(results.containerEvents()))
        .singleElement()
        .asString()
        .satisfies(
            message ->
                assertThat(withoutLineNumbers(message))
                    .isEqualTo(
                        "1 span belongs to no test of "
                            + LosesContextOnPool.class.getName()
                            + " (no test's context reached it; check context propagation to"
                            + " threads and callbacks):\n"
                            + "  span [sendReceipt] (trace 00000000000000000000000000000004, span"
                            + " 0000000000000004) started outside any capture session on thread"
                            + " [orders-pool-1], most likely lost by test"
                            + " [LosesContextOnPool.handsWorkToPool(Tracer)] (the last test seen on"
                            + " that thread's pool), started at:\n"
                            + "  \tat "
                            + StartsSpanWithRootContext.class.getName()
                            + ".run(UnownedSpansTest.java:N)"));
  }

  static class InstanceFieldFailsOnUnowned {
    @RegisterExtension
    final TracingExtension tracing =
        TracingExtension.builder().unownedSpans(SpanPolicy.FAIL).build();

    @Test
    void startsSpanWithoutContext(Tracer tracer) throws Exception {
      startSpanOnThreadThatLostTheContext(tracer);
    }
  }

  @Test
  void should_report_spans_of_no_test_after_each_test_when_the_harness_is_per_test() {
    EngineExecutionResults results = run(InstanceFieldFailsOnUnowned.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith("1 span belongs to no test of " + InstanceFieldFailsOnUnowned.class.getName());
  }

  static class InstanceFieldFailsOnUnendedAndUnowned {
    @RegisterExtension
    final TracingExtension tracing =
        TracingExtension.builder().unownedSpans(SpanPolicy.FAIL).gracePeriod(Duration.ZERO).build();

    @Test
    void leavesSpanOpenAndLosesContext(Tracer tracer) throws Exception {
      tracer.spanBuilder("left-open").startSpan();
      startSpanOnThreadThatLostTheContext(tracer);
    }
  }

  @Test
  void should_still_report_spans_of_no_test_when_the_test_already_failed_after_it() {
    EngineExecutionResults results = run(InstanceFieldFailsOnUnendedAndUnowned.class);

    assertThat(failures(results.testEvents()))
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure)
                  .hasMessageStartingWith(
                      "test [InstanceFieldFailsOnUnendedAndUnowned.leavesSpanOpenAndLosesContext"
                          + "(Tracer)] left 1 span started but not ended");
              assertThat(failure.getSuppressed())
                  .singleElement()
                  .satisfies(
                      suppressed ->
                          assertThat(suppressed)
                              .hasMessageStartingWith(
                                  "1 span belongs to no test of "
                                      + InstanceFieldFailsOnUnendedAndUnowned.class.getName()));
            });
  }

  @ExtendWith(TracingExtension.class)
  static class WarnsOnUnownedByDefault {
    @Test
    void startsSpanWithoutContext(Tracer tracer) throws Exception {
      startSpanOnThreadThatLostTheContext(tracer);
    }

    @Nested
    class Inner {
      @Test
      void alsoRuns() {}
    }
  }

  @Test
  void should_log_spans_of_no_test_once_by_default_also_with_nested_classes() {
    EngineExecutionResults results;
    try (LoggedWarnings logged = LoggedWarnings.record();
        StandardStreams streams = StandardStreams.capture()) {
      results = run(WarnsOnUnownedByDefault.class);

      assertThat(logged.warnings())
          .singleElement()
          .asString()
          .startsWith("1 span belongs to no test of " + WarnsOnUnownedByDefault.class.getName());
      assertThat(streams.err()).isEmpty();
    }
    assertThat(failureMessages(results.allEvents())).isEmpty();
  }
}
