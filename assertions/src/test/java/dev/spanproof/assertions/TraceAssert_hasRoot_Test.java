package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceAssert_hasRoot_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_when_the_single_root_has_that_name() {
    assertThatTrace(traces.orderTrace()).hasRoot("processOrder").hasSingleRoot();
  }

  @Test
  void should_fail_naming_the_actual_root() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasRoot("handleOrder"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have the root:
              span [handleOrder]
            but the root is:
              span [processOrder]

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders  <-- expected root [handleOrder]
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception""");
  }

  @Test
  void should_fail_when_the_trace_has_several_roots() {
    // GIVEN a lost parent leaves two orphans as roots
    List<SpanData> spans =
        traces.record(span("processOrder", 0, 10, span("a", 1, 2), span("b", 3, 4)).unended());
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasRoot("a"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have the single root:
              span [a]
            but it has 2 roots:
              [a, b]

            trace 00000000000000000000000000000001 (2 spans, 3.00 ms)
            ├─ a [INTERNAL, UNSET, 1.00 ms] (orphan: parent 0000000000000001 is not in the trace)  <-- one of 2 roots
            └─ b [INTERNAL, UNSET, 1.00 ms] (orphan: parent 0000000000000001 is not in the trace)  <-- one of 2 roots""");
  }

  @Test
  void should_fail_when_the_top_span_is_an_orphan() {
    // GIVEN
    List<SpanData> spans = traces.record(span("processOrder", 0, 10, span("a", 1, 2)).unended());
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasRoot("a"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have the root:
              span [a]
            but its top span span [a] is an orphan: its parent 0000000000000001 was never captured

            trace 00000000000000000000000000000001 (1 span, 1.00 ms)
            └─ a [INTERNAL, UNSET, 1.00 ms] (orphan: parent 0000000000000001 is not in the trace)  <-- orphan, expected root [a]""");
  }

  @Test
  void should_throw_naming_the_parameter_on_a_null_name() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasRoot(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasRoot(String name): name must not be null");
  }
}
