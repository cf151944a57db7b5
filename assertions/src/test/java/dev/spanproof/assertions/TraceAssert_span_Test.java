package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceAssert_span_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_navigate_to_the_unique_span_of_that_name() {
    assertThatTrace(traces.orderTrace())
        .span("validateInventory")
        .hasName("validateInventory")
        .hasParent("processOrder");
  }

  @Test
  void should_fail_suggesting_only_the_close_names() {
    // GIVEN
    List<SpanData> spans =
        traces.record(
            span(
                "checkout",
                0,
                10,
                span("reserveStock", 1, 2),
                span("processPayment", 2, 5),
                span("sendEmail", 6, 7),
                span("audit", 7, 8)));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("processPaymnt"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have a span named:
              "processPaymnt"
            but it has none. Did you mean:
              span [processPayment] 0000000000000003 under span [checkout]

            trace 00000000000000000000000000000001 (5 spans, 10.0 ms)
            └─ checkout [INTERNAL, UNSET, 10.0 ms]
               ├─ reserveStock [INTERNAL, UNSET, 1.00 ms]
               ├─ processPayment [INTERNAL, UNSET, 3.00 ms]  <-- did you mean this?
               ├─ sendEmail [INTERNAL, UNSET, 1.00 ms]
               └─ audit [INTERNAL, UNSET, 1.00 ms]""");
  }

  @Test
  void should_suggest_names_sharing_a_word_closest_first() {
    // GIVEN
    List<SpanData> spans =
        traces.record(
            span(
                "checkout",
                0,
                10,
                span("audit", 1, 2),
                span("payment.authorize", 2, 3),
                span("processPayment", 3, 5)));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("payment"))
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have a span named:
              "payment"
            but it has none. Did you mean:
              span [processPayment] 0000000000000004 under span [checkout]
              span [payment.authorize] 0000000000000003 under span [checkout]

            trace 00000000000000000000000000000001 (4 spans, 10.0 ms)
            └─ checkout [INTERNAL, UNSET, 10.0 ms]
               ├─ audit [INTERNAL, UNSET, 1.00 ms]
               ├─ payment.authorize [INTERNAL, UNSET, 1.00 ms]  <-- did you mean this?
               └─ processPayment [INTERNAL, UNSET, 2.00 ms]  <-- did you mean this?""");
  }

  @Test
  void should_fail_without_suggestions_when_no_name_is_close() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("refund"))
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have a span named:
              "refund"
            but it has none

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception""");
  }

  @Test
  void should_fail_marking_each_span_and_suggesting_a_pick_when_the_name_is_not_unique() {
    // GIVEN
    List<SpanData> spans =
        traces.record(span("GET /orders", 0, 10, span("SELECT", 1, 2), span("SELECT", 3, 4)));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("SELECT"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have exactly one span named:
              "SELECT"
            but it has 2: 0000000000000002, 0000000000000003; pick one with:
              span("GET /orders").child("SELECT", 0)

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ GET /orders [INTERNAL, UNSET, 10.0 ms]
               ├─ SELECT [INTERNAL, UNSET, 1.00 ms]  <-- 1 of 2
               └─ SELECT [INTERNAL, UNSET, 1.00 ms]  <-- 2 of 2""");
  }

  @Test
  void should_throw_naming_the_parameter_on_a_null_name() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("span(String name): name must not be null");
  }

  @Test
  void should_navigate_to_children_parents_and_back() {
    // GIVEN
    List<SpanData> spans =
        traces.record(span("GET /orders", 0, 10, span("loadOrders", 1, 9, span("SELECT", 2, 3))));
    // WHEN/THEN
    assertThatTrace(spans)
        .root()
        .hasName("GET /orders")
        .child("loadOrders")
        .child("SELECT")
        .parent()
        .hasName("loadOrders")
        .returnToTrace()
        .hasSpanCount(3);
  }

  @Test
  void should_fail_navigating_to_a_missing_child_listing_the_children() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().child("processPaymnt"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processOrder] to have a child named:
              "processPaymnt"
            but its children are [validateInventory, processPayment]. Did you mean:
              span [processPayment] 0000000000000003 under span [processOrder]

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders  <-- expected a child named "processPaymnt"
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception""");
  }
}
