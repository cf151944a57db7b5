package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.run;
import static dev.spanproof.junit.SpanproofConfiguration.UNASSERTED_SPANS_PROPERTY_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.ManualClock;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Strict assertion mode through the real engine. The fixtures mark spans through {@link
 * CaptureSession#markAsserted}, as spanproof's assertions do (the extension does not depend on
 * them; the assertions module runs the same mode with real assertions).
 */
class UnassertedSpansTest {

  /** Stands for the user's code: an order, its payment, and a fraud check the test forgets. */
  static void processOrder(Tracer tracer) {
    Span order = tracer.spanBuilder("processOrder").startSpan();
    try (Scope ignored = order.makeCurrent()) {
      tracer.spanBuilder("processPayment").startSpan().end();
      tracer.spanBuilder("checkFraud").startSpan().end();
    } finally {
      order.end();
    }
  }

  /** What an assertion selecting these spans by name records. */
  static void assertSpansNamed(CaptureSession session, String... names) {
    Set<String> asserted = Set.of(names);
    for (SpanData span : session.finishedSpans()) {
      if (asserted.contains(span.getName())) {
        session.markAsserted(span);
      }
    }
  }

  static TracingExtension.Builder fixedIdsAndClock() {
    return TracingExtension.builder()
        .harness(
            harness ->
                harness
                    .idGenerator(new FixedIds())
                    .clock(ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"))));
  }

  static class Strict {
    @RegisterExtension
    static final TracingExtension tracing =
        fixedIdsAndClock().unassertedSpans(SpanPolicy.FAIL).build();

    @Test
    void assertsOrderAndPayment(Tracer tracer, CaptureSession session) {
      processOrder(tracer);
      assertSpansNamed(session, "processOrder", "processPayment");
    }
  }

  static class StrictAndClean {
    @RegisterExtension
    static final TracingExtension tracing =
        fixedIdsAndClock().unassertedSpans(SpanPolicy.FAIL).build();

    @Test
    void assertsEverySpan(Tracer tracer, CaptureSession session) {
      processOrder(tracer);
      assertSpansNamed(session, "processOrder", "processPayment", "checkFraud");
    }

    @Test
    void producesNoSpan() {}
  }

  @Test
  void should_not_flag_a_test_that_asserted_every_span_or_produced_none() {
    run(StrictAndClean.class).testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
  }

  @Test
  void should_fail_a_test_that_left_a_span_unasserted_marking_it_on_the_trace() {
    EngineExecutionResults results = run(Strict.class);

    assertThat(failureMessages(results.testEvents()))
        .containsExactly(
            """
            test [Strict.assertsOrderAndPayment(Tracer, CaptureSession)] did not assert 1 of its \
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

  static class StrictAndFailing {
    @RegisterExtension
    static final TracingExtension tracing =
        fixedIdsAndClock().unassertedSpans(SpanPolicy.FAIL).build();

    @Test
    void failsItsOwnAssertion(Tracer tracer) {
      processOrder(tracer);
      throw new AssertionError("expected processOrder to be a SERVER span");
    }
  }

  @Test
  void should_leave_a_test_that_already_failed_with_its_own_failure() {
    EngineExecutionResults results = run(StrictAndFailing.class);

    assertThat(failureMessages(results.testEvents()))
        .containsExactly("expected processOrder to be a SERVER span");
  }

  @ExtendWith(TracingExtension.class)
  static class Declared {
    @Test
    void assertsOrderAndPayment(Tracer tracer, CaptureSession session) {
      processOrder(tracer);
      assertSpansNamed(session, "processOrder", "processPayment");
    }
  }

  @Test
  void should_say_nothing_unless_asked() {
    try (LoggedWarnings warnings = LoggedWarnings.record()) {
      EngineExecutionResults results = run(Declared.class);

      results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
      assertThat(warnings.warnings()).isEmpty();
    }
  }

  @Test
  void should_fail_when_the_configuration_parameter_asks() {
    EngineExecutionResults results =
        run(Declared.class, Map.of(UNASSERTED_SPANS_PROPERTY_NAME, " Fail "));

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith(
            "test [Declared.assertsOrderAndPayment(Tracer, CaptureSession)] did not assert 1 of"
                + " its 3 spans:\n  span [checkFraud] (trace ");
  }

  @Test
  void should_only_warn_when_told_to() {
    try (LoggedWarnings warnings = LoggedWarnings.record()) {
      EngineExecutionResults results =
          run(Declared.class, Map.of(UNASSERTED_SPANS_PROPERTY_NAME, "warn"));

      results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
      assertThat(warnings.warnings())
          .singleElement()
          .asString()
          .startsWith(
              "test [Declared.assertsOrderAndPayment(Tracer, CaptureSession)] did not assert 1 of"
                  + " its 3 spans:");
    }
  }

  static class StrictByBuilderOff {
    @RegisterExtension
    static final TracingExtension tracing =
        TracingExtension.builder().unassertedSpans(SpanPolicy.IGNORE).build();

    @Test
    void assertsNothing(Tracer tracer) {
      processOrder(tracer);
    }
  }

  @Test
  void should_let_the_builder_option_win_over_the_configuration_parameter() {
    EngineExecutionResults results =
        run(StrictByBuilderOff.class, Map.of(UNASSERTED_SPANS_PROPERTY_NAME, "fail"));

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @Test
  void should_name_the_parameter_when_its_value_is_not_a_policy() {
    EngineExecutionResults results =
        run(Declared.class, Map.of(UNASSERTED_SPANS_PROPERTY_NAME, "on"));

    assertThat(failureMessages(results.testEvents()))
        .containsExactly(
            "configuration parameter spanproof.strict.unassertedSpans must be fail, warn or"
                + " ignore, but was on");
  }

  @Test
  void should_reject_a_null_policy_naming_the_parameter() {
    assertThatThrownBy(() -> TracingExtension.builder().unassertedSpans(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("policy must not be null");
  }
}
