package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Durations, child within parent, one span before another, trace ids. */
class SpanAssert_timing_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_on_durations_and_sequencing() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatTrace(spans)
        .span("processPayment")
        .hasDurationAtLeast(Duration.ofMillis(5))
        .hasDurationAtMost(Duration.ofMillis(5))
        .startsAndEndsWithinParent()
        .hasTraceId("00000000000000000000000000000001")
        .hasSameTraceIdAs(spans.get(0))
        .returnToTrace()
        .span("validateInventory")
        .endsBeforeStartOf("processPayment");
  }

  @Test
  void should_fail_on_a_too_long_span() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .hasDurationAtMost(Duration.ofMillis(2)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processPayment] to last at most:
              2.00 ms
            but it lasted:
              5.00 ms

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
               ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
               └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <-- expected at most 2.00 ms""");
  }

  @Test
  void should_fail_when_a_child_outlives_its_parent() {
    // GIVEN async work that ends after its parent
    List<SpanData> spans = traces.record(span("handle", 0, 10, span("sendEmail", 5, 14)));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("sendEmail").startsAndEndsWithinParent())
        .hasMessage(
            """
            Expecting span [sendEmail] to start and end within its parent:
              span [handle]
            but it ended 4.00 ms after its parent

            trace 00000000000000000000000000000001 (2 spans, 14.0 ms)
            └─ handle [INTERNAL, UNSET, 10.0 ms]
               └─ sendEmail [INTERNAL, UNSET, 9.00 ms]  <-- it ended 4.00 ms after its parent""");
  }

  @Test
  void should_fail_when_spans_overlap() {
    // GIVEN
    List<SpanData> spans =
        traces.record(span("handle", 0, 10, span("reserve", 1, 5), span("charge", 3, 8)));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("reserve").endsBeforeStartOf("charge"))
        .hasMessageStartingWith(
            """
            Expecting span [reserve] to end before the start of:
              span [charge]
            but it ended 2.00 ms after it started
            """);
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("reserve")
                    .hasTraceId("0af7651916cd43dd8448eb211c80319c"))
        .hasMessageStartingWith(
            """
            Expecting span [reserve] to belong to the trace:
              0af7651916cd43dd8448eb211c80319c
            but it belongs to:
              00000000000000000000000000000001
            """);
  }

  @Test
  void should_check_a_remote_parent_and_the_trace_it_continued() {
    // GIVEN a server span continuing an incoming traceparent
    List<SpanData> spans =
        traces.record(
            span("GET /orders", 0, 3)
                .remoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"));
    // WHEN/THEN
    assertThatTrace(spans)
        .root()
        .hasRemoteParent()
        .hasRemoteParent("b7ad6b7169203331")
        .hasTraceId("0af7651916cd43dd8448eb211c80319c");
    assertThatThrownBy(() -> assertThatTrace(spans).root().isRoot())
        .hasMessage(
            """
            Expecting span [GET /orders] to be a root:
              no parent
            but it continues the remote parent b7ad6b7169203331

            trace 0af7651916cd43dd8448eb211c80319c (1 span, 3.00 ms)
            └─ GET /orders [INTERNAL, UNSET, 3.00 ms] (remote parent b7ad6b7169203331)  <-- expected a root""");
  }

  @Test
  void should_fail_when_the_parent_is_local() {
    // GIVEN
    List<SpanData> spans = traces.orderTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("processPayment").hasRemoteParent())
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to continue a remote parent:
              any remote span
            but its parent is span [processOrder]
            """);
  }
}
