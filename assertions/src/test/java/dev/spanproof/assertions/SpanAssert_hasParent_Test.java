package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpanAssert_hasParent_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_when_the_parent_has_that_name() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatTrace(spans).span("processPayment").hasParent("processOrder");
  }

  @Test
  void should_fail_naming_the_actual_parent() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("processPayment").hasParent("validateInventory"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have the parent:
              span [validateInventory]
            but its parent is span [processOrder]

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected parent [validateInventory]""");
  }

  @Test
  void should_fail_when_the_span_is_a_root() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("processOrder").hasParent("gateway"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            """
            Expecting span [processOrder] to have the parent:
              span [gateway]
            but it is a root
            """);
  }

  @Test
  void should_fail_when_the_parent_was_never_captured() {
    // GIVEN an orphan: its parent never ended
    List<SpanData> spans = traces.record(span("lost", 0, 5, span("fetchRates", 1, 2)).unended());
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("fetchRates").hasParent("lost"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [fetchRates] to have the parent:
              span [lost]
            but it is an orphan: its parent 0000000000000001 was never captured

            trace 00000000000000000000000000000001 (1 span, 1.00 ms)
            └─ fetchRates [INTERNAL, UNSET, 1.00 ms] (orphan: parent 0000000000000001 is not in the trace)  <-- expected parent [lost]""");
  }

  @Test
  void should_throw_naming_the_parameter_on_a_null_name() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("processPayment").hasParent(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasParent(String name): name must not be null");
  }
}
