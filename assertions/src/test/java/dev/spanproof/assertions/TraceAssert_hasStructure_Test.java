package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class TraceAssert_hasStructure_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_with_children_in_any_order() {
    assertThatTrace(traces.orderTrace())
        .hasStructure(span("processOrder", span("processPayment"), span("validateInventory")));
  }

  @Test
  void should_pass_in_order_when_siblings_started_in_that_order() {
    assertThatTrace(traces.orderTrace())
        .hasStructureInOrder(
            span("processOrder", span("validateInventory"), span("processPayment")));
  }

  @Test
  void should_pair_same_named_siblings_whatever_their_order() {
    // GIVEN two queries with different subtrees
    List<SpanData> spans =
        traces.record(
            TestTraces.span(
                "GET /orders",
                0,
                10,
                TestTraces.span("query", 1, 2),
                TestTraces.span("query", 3, 6, TestTraces.span("fetch", 4, 5))));
    // WHEN/THEN: the first expected query is the second actual one
    assertThatTrace(spans)
        .hasStructure(span("GET /orders", span("query", span("fetch")), span("query")));
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void should_decide_quickly_among_many_same_named_siblings() {
    // GIVEN 20 queries, the last one with a child: naive backtracking would try 19! pairings
    TestTraces.Spec[] queries = new TestTraces.Spec[20];
    for (int i = 0; i < 20; i++) {
      queries[i] =
          i < 19
              ? TestTraces.span("SELECT", i, i + 1)
              : TestTraces.span("SELECT", i, i + 1, TestTraces.span("fetch", i, i + 1));
    }
    List<SpanData> spans = traces.record(TestTraces.span("GET /orders", 0, 30, queries));
    ExpectedSpan[] leaves = new ExpectedSpan[20];
    java.util.Arrays.fill(leaves, span("SELECT"));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasStructure(span("GET /orders", leaves)))
        .hasMessageContaining("but at span [SELECT]: expected children [] but were [fetch]");
  }

  @Test
  void should_fail_in_order_when_siblings_started_in_another_order() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .hasStructureInOrder(
                        span("processOrder", span("processPayment"), span("validateInventory"))))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have the structure (children in start order):
              processOrder
              ├─ processPayment
              └─ validateInventory
            but at span [processOrder]: expected children [processPayment, validateInventory] in this order but were [validateInventory, processPayment]

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders  <-- expected children [processPayment, validateInventory] in this order but were [validateInventory, processPayment]
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception""");
  }

  @Test
  void should_fail_marking_the_deepest_difference() {
    // GIVEN
    List<SpanData> spans =
        traces.record(
            TestTraces.span(
                "GET /orders",
                0,
                10,
                TestTraces.span(
                    "loadOrders",
                    1,
                    9,
                    TestTraces.span("SELECT orders", 2, 3),
                    TestTraces.span("SELECT lines", 4, 5))));
    // WHEN
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThatTrace(spans)
                    .hasStructure(span("GET /orders", span("loadOrders", span("SELECT orders")))));
    // THEN
    assertThat(error)
        .hasMessage(
            """
        Expecting trace 00000000000000000000000000000001 to have the structure (children in any order):
          GET /orders
          └─ loadOrders
             └─ SELECT orders
        but at span [loadOrders]: expected children [SELECT orders] but were [SELECT orders, SELECT lines]

        trace 00000000000000000000000000000001 (4 spans, 10.0 ms)
        └─ GET /orders [INTERNAL, UNSET, 10.0 ms]
           └─ loadOrders [INTERNAL, UNSET, 8.00 ms]  <-- expected children [SELECT orders] but were [SELECT orders, SELECT lines]
              ├─ SELECT orders [INTERNAL, UNSET, 1.00 ms]
              └─ SELECT lines [INTERNAL, UNSET, 1.00 ms]""");
    // and IDEs can diff the expected tree against the drawn trace
    assertThat(error.getExpected().getStringRepresentation()).contains("└─ SELECT orders");
  }

  @Test
  void should_fail_when_the_trace_has_several_roots() {
    // GIVEN
    List<SpanData> spans =
        traces.record(
            TestTraces.span("lost", 0, 10, TestTraces.span("a", 1, 2), TestTraces.span("b", 3, 4))
                .unended());
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasStructure(span("a")))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to have the structure (children in any order):
              a
            but it has 2 roots [a, b]
            """);
  }

  @Test
  void should_throw_naming_the_parameter_on_null() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).hasStructure(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(
            "hasStructure(ExpectedSpan expected): expected must not be null; build the expected tree with span(\"root\", span(\"child\"))");
    assertThatThrownBy(() -> span("a", (ExpectedSpan) null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(
            "span(String name, ExpectedSpan... children): children must not contain null, but got [null]");
  }
}
