package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.failures;
import static dev.spanproof.junit.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class UnownedSpansTest {

  /** A thread that does not carry the test's context: context propagation is broken. */
  static void startSpanOnThreadThatLostTheContext(Tracer tracer) throws InterruptedException {
    Thread thread =
        new Thread(
            () -> {
              try (var ignored = Context.root().makeCurrent()) {
                tracer.spanBuilder("lost-context").startSpan().end();
              }
            });
    thread.start();
    thread.join();
  }

  static class FailsOnUnowned {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().unownedSpans(SpanPolicy.FAIL).build();

    @Test
    void startsSpanWithoutContext(Tracer tracer) throws Exception {
      startSpanOnThreadThatLostTheContext(tracer);
    }
  }

  @Test
  void should_report_spans_that_belong_to_no_test_after_the_class() {
    EngineExecutionResults results = run(FailsOnUnowned.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(failureMessages(results.containerEvents()))
        .singleElement()
        .asString()
        .startsWith(
            "1 span belongs to no test of "
                + FailsOnUnowned.class.getName()
                + " (no test's context reached it; check context propagation to threads and"
                + " callbacks):\n"
                + "  span [lost-context] (trace ")
        .endsWith(") started outside any capture session");
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
