package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failure of each span check that the other tests reach only on its passing path: that it fails
 * at all when the span differs, and what it then says.
 */
class SpanAssert_failuresOfEveryCheck_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  private SpanAssert payment() {
    return assertThatTrace(traces.orderTrace()).span("processPayment");
  }

  @Test
  void should_fail_on_another_span_id() {
    assertThatThrownBy(() -> payment().hasSpanId("0000000000000009"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have the span id:
              0000000000000009
            but its span id is:
              0000000000000003

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected span id 0000000000000009""");
  }

  @Test
  void should_fail_on_another_end() {
    assertThatThrownBy(() -> payment().endsAt(TestTraces.BASE_NANOS + 8_000_000))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to end at:
              2026-01-01T00:00:00.008Z
            but it ended at:
              2026-01-01T00:00:00.009Z

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected end 2026-01-01T00:00:00.008Z""");
  }

  @Test
  void should_fail_on_a_too_short_span() {
    assertThatThrownBy(() -> payment().hasDurationAtLeast(Duration.ofMillis(6)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to last at least:
              6.00 ms
            but it lasted:
              5.00 ms

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected at least 6.00 ms""");
  }

  @Test
  void should_fail_on_another_number_of_recorded_events() {
    assertThatThrownBy(() -> payment().hasTotalRecordedEvents(2))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have recorded this many events (dropped ones included):
              2
            but it recorded:
              1

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected 2 events""");
  }

  @Test
  void should_fail_on_another_number_of_recorded_links() {
    assertThatThrownBy(() -> payment().hasTotalRecordedLinks(1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have recorded this many links (dropped ones included):
              1
            but it recorded:
              0

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected 1 link""");
  }

  @Test
  void should_fail_when_the_span_data_misses_the_requirements() {
    assertThatThrownBy(
            () -> payment().spanDataSatisfies(data -> assertThat(data.getName()).isEqualTo("pay")))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have data that satisfy the requirements, but they do not:
              expected: "pay"
               but was: "processPayment"

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- data do not satisfy the requirements""");
  }

  @Test
  void should_fail_when_the_links_miss_the_requirements() {
    assertThatThrownBy(() -> payment().hasLinksSatisfying(links -> assertThat(links).hasSize(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have links that satisfy the requirements, but they do not:
              Expected size: 1 but was: 0 in:
              []

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- links do not satisfy the requirements""");
  }

  @Test
  void should_fail_when_the_attribute_misses_the_requirements() {
    assertThatThrownBy(
            () ->
                payment()
                    .hasAttributeSatisfying(
                        AttributeKey.longKey("payment.attempts"),
                        attempts -> assertThat(attempts).isEqualTo(1L)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have an attribute payment.attempts that:
              satisfies the requirements
            but its value 2 does not:
             \s
              expected: 1L
               but was: 2L

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- payment.attempts does not satisfy the requirements""");
  }

  @Test
  void should_fail_when_the_attribute_for_the_requirements_is_absent() {
    assertThatThrownBy(
            () ->
                payment()
                    .hasAttributeSatisfying(
                        AttributeKey.stringKey("payment.card"),
                        card -> assertThat(card).isNotBlank()))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to have the attribute:
              payment.card=(any value)
            but it has no attribute payment.card; its attributes are:
              payment.attempts=2
              payment.provider=acme

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected payment.card=(any value)""");
  }

  @Test
  void should_fail_on_other_children_in_any_order() {
    assertThatThrownBy(
            () ->
                assertThatTrace(traces.orderTrace())
                    .root()
                    .hasChildren("processPayment", "sendReceipt"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processOrder] to have exactly the children in any order:
              [processPayment, sendReceipt]
            but its children are:
              [validateInventory, processPayment]

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders  <-- expected children [processPayment, sendReceipt]
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception""");
  }

  @Test
  void should_fail_on_a_trace_id_other_than_the_given_span() {
    List<SpanData> other = traces.record(span("elsewhere", 0, 1));
    List<SpanData> order = traces.orderTrace();
    assertThatThrownBy(() -> assertThatTrace(order).root().hasSameTraceIdAs(other.get(0)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processOrder] to belong to the trace:
              00000000000000000000000000000001
            but it belongs to:
              00000000000000000000000000000002

            trace 00000000000000000000000000000002 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders  <-- expected trace 00000000000000000000000000000001
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception""");
  }

  @Test
  void should_fail_on_a_link_to_another_span() {
    SpanData produced = traces.record(span("publish", 0, 1)).get(0);
    SpanData other = traces.record(span("publish other", 1, 2)).get(0);
    List<SpanData> consumer =
        traces.record(span("process batch", 2, 5).link(produced.getSpanContext()));
    assertThatThrownBy(() -> assertThatTrace(consumer).root().hasLinkTo(other))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [process batch] to link to:
              span [publish other] trace 00000000000000000000000000000002 span 0000000000000002
            but its links are:
              trace 00000000000000000000000000000001 span 0000000000000001

            trace 00000000000000000000000000000003 (1 span, 3.00 ms)
            └─ process batch [INTERNAL, UNSET, 3.00 ms] → link to span 0000000000000001 in trace 00000000000000000000000000000001 (not drawn)  <-- expected a link""");
  }

  @Test
  void should_fail_on_another_remote_parent() {
    List<SpanData> spans =
        traces.record(
            span("GET /orders", 0, 1)
                .remoteParent("0000000000000000000000000000abcd", "00000000000000ef"));
    assertThatThrownBy(() -> assertThatTrace(spans).root().hasRemoteParent("00000000000000aa"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [GET /orders] to continue a remote parent:
              00000000000000aa
            but its remote parent is 00000000000000ef

            trace 0000000000000000000000000000abcd (1 span, 1.00 ms)
            └─ GET /orders [INTERNAL, UNSET, 1.00 ms] (remote parent 00000000000000ef)  <-- expected remote parent 00000000000000aa""");
  }
}
