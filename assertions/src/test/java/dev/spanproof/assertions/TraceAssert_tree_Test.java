package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Counts, depth, orphans, roots, presence and absence of names, the N+1 check. */
class TraceAssert_tree_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_on_the_shape_of_a_healthy_trace() {
    assertThatTrace(traces.orderTrace())
        .hasSpanCount(3)
        .hasDepth(2)
        .hasSingleRoot()
        .hasNoOrphans()
        .hasSpanNamed("processPayment")
        .hasSpansNamed("processPayment", 1)
        .hasNoSpanNamed("refund")
        .hasNoRepeatedSiblings(1)
        .hasTraceId("00000000000000000000000000000001")
        .hasDurationAtMost(Duration.ofMillis(10));
  }

  @Test
  void should_fail_a_span_count_listing_the_spans() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasSpanCount(4))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have this many spans:
              4
            but it has:
              3

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception""");
  }

  @Test
  void should_fail_on_orphans_naming_their_missing_parents() {
    // GIVEN
    List<SpanData> spans =
        traces.record(span("processOrder", 0, 10, span("validateInventory", 1, 3)).unended());
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasNoOrphans())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have no orphans (spans whose parent was never captured):
              0 orphans
            but it has 1:
              span [validateInventory] with missing parent 0000000000000001

            trace 00000000000000000000000000000001 (1 span, 2.00 ms)
            └─ validateInventory [INTERNAL, UNSET, 2.00 ms] (orphan: parent 0000000000000001 is not in the trace)  <-- orphan""");
  }

  @Test
  void should_fail_on_several_roots() {
    // GIVEN
    List<SpanData> spans =
        traces.record(span("lost", 0, 10, span("a", 1, 2), span("b", 3, 4)).unended());
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasSingleRoot())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to have a single root:
              1 root
            but it has 2 roots:
              [a, b]
            """);
  }

  @Test
  void should_fail_the_n_plus_one_check_naming_parent_and_repeated_child() {
    // GIVEN one query per order line
    List<SpanData> spans =
        traces.record(
            span(
                "GET /orders",
                0,
                10,
                span("SELECT orders", 1, 2),
                span("SELECT line", 2, 3),
                span("SELECT line", 3, 4),
                span("SELECT line", 4, 5)));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasNoRepeatedSiblings(1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have no span with more than 1 child of the same name:
              at most 1
            but found (an N+1 pattern?):
              3 x span [SELECT line] under span [GET /orders]

            trace 00000000000000000000000000000001 (5 spans, 10.0 ms)
            └─ GET /orders [INTERNAL, UNSET, 10.0 ms]
               ├─ SELECT orders [INTERNAL, UNSET, 1.00 ms]
               ├─ SELECT line [INTERNAL, UNSET, 1.00 ms]  <-- 3 x "SELECT line" here and below
               ├─ SELECT line [INTERNAL, UNSET, 1.00 ms]
               └─ SELECT line [INTERNAL, UNSET, 1.00 ms]""");
  }

  @Test
  void should_fail_counting_spans_of_a_name() {
    // GIVEN
    List<SpanData> spans =
        traces.record(span("GET /orders", 0, 10, span("SELECT", 1, 2), span("SELECT", 3, 4)));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasSpansNamed("SELECT", 1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have this many spans named "SELECT":
              1
            but it has:
              2

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ GET /orders [INTERNAL, UNSET, 10.0 ms]
               ├─ SELECT [INTERNAL, UNSET, 1.00 ms]  <-- named "SELECT"
               └─ SELECT [INTERNAL, UNSET, 1.00 ms]  <-- named "SELECT\"""");
  }

  @Test
  void should_fail_on_unexpected_spans_depth_and_duration() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasNoSpanNamed("processPayment"))
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to have no span named:
              "processPayment"
            but it has 1
            """)
        .hasMessageContaining(
            "processPayment [CLIENT, ERROR \"card declined\", 5.00 ms] events: exception  <-- unexpected");
    assertThatThrownBy(() -> assertThatTrace(spans).hasDepth(3))
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to have this many levels:
              3
            but it has:
              2
            """);
    assertThatThrownBy(() -> assertThatTrace(spans).hasDurationAtMost(Duration.ofMillis(5)))
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to last at most:
              5.00 ms
            but it lasted:
              10.0 ms
            """);
    assertThatThrownBy(() -> assertThatTrace(spans).hasSpanNamed("refund"))
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to have a span named:
              "refund"
            but it has none

            """);
  }
}
