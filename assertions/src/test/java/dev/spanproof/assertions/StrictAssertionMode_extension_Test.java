package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.spanproof.core.ManualClock;
import dev.spanproof.junit.SpanPolicy;
import dev.spanproof.junit.SpanproofConfiguration;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Strict assertion mode with real assertions, through the real engine and extension. */
class StrictAssertionMode_extension_Test {

  /** Stands for the user's code: an order, its payment, and a fraud check. */
  static void processOrder(Tracer tracer, String suffix) {
    Span order = tracer.spanBuilder("processOrder" + suffix).startSpan();
    try (Scope ignored = order.makeCurrent()) {
      tracer.spanBuilder("processPayment" + suffix).startSpan().end();
      tracer.spanBuilder("checkFraud" + suffix).startSpan().end();
    } finally {
      order.end();
    }
  }

  static TracingExtension.Builder strict() {
    return TracingExtension.builder()
        .harness(
            harness ->
                harness
                    .idGenerator(new TestTraces.SequentialIds())
                    .clock(ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"))))
        .unassertedSpans(SpanPolicy.FAIL);
  }

  static class ForgetsTheFraudCheck {
    @RegisterExtension static final TracingExtension tracing = strict().build();

    @Test
    void assertsOrderAndPayment(Tracer tracer) {
      processOrder(tracer, "");
      assertThatTrace().hasRoot("processOrder").span("processPayment").hasParent("processOrder");
    }
  }

  @Test
  void should_fail_a_test_that_never_asserted_a_span_marking_it_on_the_trace() {
    EngineExecutionResults results = run(ForgetsTheFraudCheck.class, Map.of());

    assertThat(failureMessages(results))
        .containsExactly(
            """
            test [ForgetsTheFraudCheck.assertsOrderAndPayment(Tracer)] did not assert 1 of its \
            3 spans:
              span [checkFraud] (trace 00000000000000000000000000000001, span 0000000000000003)
            In strict assertion mode every span must be touched by an assertion: selected by \
            name or navigation (span, root, child, parent), named by hasRoot, hasSpanNamed or \
            hasSpansNamed, or matched by hasStructure. See docs/strict-mode.md.

            trace 00000000000000000000000000000001 (3 spans, 0 ns)
            └─ processOrder [INTERNAL, UNSET, 0 ns]
               ├─ processPayment [INTERNAL, UNSET, 0 ns]
               └─ checkFraud [INTERNAL, UNSET, 0 ns]  <-- not asserted""");
  }

  static class AssertsTheWholeTree {
    @RegisterExtension static final TracingExtension tracing = strict().build();

    @Test
    void assertsTheStructure(Tracer tracer) {
      processOrder(tracer, "");
      assertThatTrace()
          .hasStructure(span("processOrder", span("processPayment"), span("checkFraud")));
    }

    @Test
    void assertsEachSpan(Tracer tracer) {
      processOrder(tracer, "");
      assertThatTrace()
          .root()
          .hasName("processOrder")
          .child("processPayment")
          .returnToTrace()
          .span("checkFraud")
          .hasParent("processOrder");
    }
  }

  @Test
  void should_not_flag_tests_that_asserted_every_span() {
    run(AssertsTheWholeTree.class, Map.of())
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(2).failed(0));
  }

  @ExtendWith(TracingExtension.class)
  static class NotStrict {
    @Test
    void assertsOrderAndPayment(Tracer tracer) {
      processOrder(tracer, "");
      assertThatTrace().hasRoot("processOrder").span("processPayment").hasParent("processOrder");
    }
  }

  @Test
  void should_report_nothing_when_the_mode_is_off() {
    run(NotStrict.class, Map.of())
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void should_report_when_the_configuration_parameter_turns_the_mode_on() {
    EngineExecutionResults results =
        run(NotStrict.class, Map.of(SpanproofConfiguration.UNASSERTED_SPANS_PROPERTY_NAME, "fail"));

    assertThat(failureMessages(results))
        .singleElement()
        .asString()
        .startsWith(
            "test [NotStrict.assertsOrderAndPayment(Tracer)] did not assert 1 of its 3 spans:\n"
                + "  span [checkFraud] (trace ");
  }

  static class HalfForgetInParallel {
    @RegisterExtension static final TracingExtension tracing = strict().build();

    @RepeatedTest(200)
    void processesOrder(RepetitionInfo repetition, Tracer tracer) throws InterruptedException {
      String suffix = "-" + repetition.getCurrentRepetition();
      processOrder(tracer, suffix);
      Thread.sleep(1); // keep tests overlapping
      TraceAssert trace = assertThatTrace().hasRoot("processOrder" + suffix);
      trace.span("processPayment" + suffix).hasParent("processOrder" + suffix);
      if (repetition.getCurrentRepetition() % 2 == 0) {
        trace.span("checkFraud" + suffix).hasParent("processOrder" + suffix);
      }
    }
  }

  @Test
  void should_report_exactly_the_tests_that_left_a_span_unasserted_among_200_concurrent_ones() {
    EngineExecutionResults results =
        run(
            HalfForgetInParallel.class,
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"));

    results.testEvents().assertStatistics(stats -> stats.started(200).succeeded(100).failed(100));
    for (Event event : results.testEvents().failed().list()) {
      String test = event.getTestDescriptor().getDisplayName();
      String repetition = test.replaceAll("repetition (\\d+) of 200", "$1");
      assertThat(Integer.parseInt(repetition) % 2).as(test).isEqualTo(1);
      assertThat(failureMessage(event))
          .startsWith(
              "test [HalfForgetInParallel.processesOrder "
                  + test
                  + "] did not assert 1 of its 3 spans:\n  span [checkFraud-"
                  + repetition
                  + "] (trace ")
          .containsOnlyOnce("<-- not asserted");
    }
  }

  /** Reports off: the fixtures fail on purpose, and the messages are pinned without them. */
  private static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(parameters)
        .configurationParameter(SpanproofConfiguration.REPORT_HTML_PROPERTY_NAME, "off")
        .selectors(selectClass(fixture))
        .execute();
  }

  private static List<String> failureMessages(EngineExecutionResults results) {
    return results.testEvents().failed().stream()
        .map(StrictAssertionMode_extension_Test::failureMessage)
        .toList();
  }

  private static String failureMessage(Event event) {
    return event
        .getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElse("(no message)");
  }
}
