package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** showingAttributes, overridingErrorMessage, and extending the self-typed base classes. */
class TraceAssert_customization_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_draw_extra_attributes_in_failure_trees() {
    // GIVEN
    List<SpanData> spans =
        traces.record(span("processOrder", 0, 2).with(s -> s.setAttribute("order.id", 42L)));
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .showingAttributes("order.id")
                    .span("processOrder")
                    .isRoot()
                    .hasChildCount(1))
        .hasMessageEndingWith(
            "└─ processOrder [INTERNAL, UNSET, 2.00 ms] order.id=42  <-- expected 1 child");
  }

  @Test
  void should_let_users_override_the_message() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .overridingErrorMessage("orders need 4 spans")
                    .hasSpanCount(4))
        .hasMessage("orders need 4 spans");
  }

  /** A domain span assertion built on the self-typed base: chaining keeps the user's type. */
  public static class OrderSpanAssert
      extends AbstractSpanAssert<OrderSpanAssert, OrderTraceAssert> {
    public OrderSpanAssert(SpanNode actual) {
      super(actual, OrderSpanAssert.class);
    }

    OrderSpanAssert isPayment() {
      return hasName("processPayment");
    }

    OrderSpanAssert isTheOrder() {
      return hasName("processOrder");
    }

    @Override
    protected OrderTraceAssert newTraceAssert(Trace trace) {
      return new OrderTraceAssert(trace);
    }
  }

  /** Its trace counterpart: navigation hands out OrderSpanAsserts. */
  public static class OrderTraceAssert
      extends AbstractTraceAssert<OrderTraceAssert, OrderSpanAssert> {
    public OrderTraceAssert(Trace actual) {
      super(actual, OrderTraceAssert.class);
    }

    OrderTraceAssert isAnOrder() {
      return hasRoot("processOrder");
    }

    @Override
    protected OrderSpanAssert newSpanAssert(SpanNode span) {
      return new OrderSpanAssert(span);
    }
  }

  @Test
  void should_support_domain_asserts_that_keep_chaining() {
    // GIVEN
    Trace trace = Trace.of(traces.orderTrace());
    SpanNode payment = trace.spansNamed("processPayment").get(0);
    // WHEN/THEN
    new OrderSpanAssert(payment).isPayment().hasParent("processOrder").isPayment();
    assertThatThrownBy(() -> new OrderSpanAssert(trace.roots().get(0)).isPayment())
        .hasMessageContaining(
            "└─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders  <-- expected name \"processPayment\"");
  }

  @Test
  void should_keep_the_domain_types_through_every_navigation() {
    // GIVEN
    Trace trace = Trace.of(traces.orderTrace());
    // WHEN/THEN: each step compiles only because navigation returns the domain types
    new OrderTraceAssert(trace)
        .isAnOrder()
        .root()
        .isTheOrder()
        .child("processPayment")
        .isPayment()
        .parent()
        .isTheOrder()
        .returnToTrace()
        .isAnOrder()
        .span("processPayment")
        .isPayment()
        .returnToTrace()
        .isAnOrder();
  }

  @Test
  void should_return_to_the_rebuilt_trace_from_a_span_asserted_on_its_own() {
    // GIVEN
    Trace trace = Trace.of(traces.orderTrace());
    SpanNode payment = trace.spansNamed("processPayment").get(0);
    // WHEN/THEN
    assertThatThrownBy(
            () -> new OrderSpanAssert(payment).parent().child("validateInventory").isPayment())
        .hasMessageContaining(
            "├─ validateInventory [INTERNAL, UNSET, 2.00 ms]  <-- expected name \"processPayment\"");
    new OrderSpanAssert(payment).returnToTrace().isAnOrder().hasSpanCount(3);
  }

  @Test
  void should_keep_the_domain_types_under_soft_assertions() {
    // GIVEN
    Trace trace = Trace.of(traces.orderTrace());
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly
        .assertThatTrace(trace, OrderTraceAssert::new)
        .span("processPayment")
        .isTheOrder()
        .returnToTrace()
        .span("refund")
        .isPayment()
        .returnToTrace()
        .root()
        .child("processPayment")
        .isPayment();
    // THEN: the wrong name, the missing span once; the chain after it checks nothing
    assertThat(softly.errorsCollected())
        .extracting(error -> error.getMessage().strip().lines().findFirst().orElseThrow())
        .containsExactly(
            "Expecting span [processPayment] to have the name:",
            "Expecting trace 00000000000000000000000000000001 to have a span named:");
  }
}
