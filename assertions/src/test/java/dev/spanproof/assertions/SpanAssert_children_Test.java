package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** hasChildren, hasChildrenInOrder, hasChildCount, hasChildrenNamed (N+1 under one span). */
class SpanAssert_children_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  private List<SpanData> ordersWithLines() {
    return traces.record(
        span(
            "GET /orders",
            0,
            10,
            span("SELECT orders", 1, 2),
            span("SELECT line", 2, 3),
            span("SELECT line", 3, 4)));
  }

  @Test
  void should_pass_on_children_by_name() {
    assertThatTrace(ordersWithLines())
        .root()
        .hasChildren("SELECT line", "SELECT orders", "SELECT line")
        .hasChildrenInOrder("SELECT orders", "SELECT line", "SELECT line")
        .hasChildCount(3)
        .hasChildrenNamed("SELECT line", 2);
  }

  @Test
  void should_fail_the_n_plus_one_check_under_one_span() {
    // GIVEN
    List<SpanData> spans = ordersWithLines();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().hasChildrenNamed("SELECT line", 1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [GET /orders] to have this many children named "SELECT line":
              1
            but it has:
              2

            trace 00000000000000000000000000000001 (4 spans, 10.0 ms)
            └─ GET /orders [INTERNAL, UNSET, 10.0 ms]  <-- expected 1 x "SELECT line" below, found 2
               ├─ SELECT orders [INTERNAL, UNSET, 1.00 ms]
               ├─ SELECT line [INTERNAL, UNSET, 1.00 ms]
               └─ SELECT line [INTERNAL, UNSET, 1.00 ms]""");
  }

  @Test
  void should_fail_on_children_names_and_order() {
    // GIVEN
    List<SpanData> spans = ordersWithLines();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .root()
                    .hasChildrenInOrder("SELECT line", "SELECT line", "SELECT orders"))
        .hasMessageStartingWith(
            """
            Expecting span [GET /orders] to have exactly the children in start order:
              [SELECT line, SELECT line, SELECT orders]
            but its children are:
              [SELECT orders, SELECT line, SELECT line]
            """);
    assertThatThrownBy(() -> assertThatTrace(spans).root().hasChildCount(1))
        .hasMessageStartingWith(
            """
            Expecting span [GET /orders] to have this many children:
              1
            but it has 3:
              [SELECT orders, SELECT line, SELECT line]
            """);
  }
}
