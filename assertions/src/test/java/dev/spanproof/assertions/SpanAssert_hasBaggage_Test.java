package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpanAssert_hasBaggage_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  /**
   * processOrder starts with tenant.id=acme in its context; audit starts where the baggage was
   * lost.
   */
  private List<SpanData> tenantTrace() {
    Context withTenant =
        Baggage.builder()
            .put("tenant.id", "acme")
            .put("region", "eu")
            .build()
            .storeInContext(Context.root());
    Span order =
        traces.harness.tracer().spanBuilder("processOrder").setParent(withTenant).startSpan();
    Span audit =
        traces
            .harness
            .tracer()
            .spanBuilder("audit")
            .setParent(Context.root().with(order))
            .startSpan();
    audit.end();
    order.end();
    return traces.harness.finishedSpans();
  }

  @Test
  void should_pass_when_the_span_started_with_that_baggage() {
    // GIVEN
    List<SpanData> spans = tenantTrace();
    // WHEN/THEN
    assertThatTrace(spans)
        .span("processOrder")
        .hasBaggage("tenant.id", "acme")
        .hasBaggage("region", "eu");
  }

  @Test
  void should_fail_showing_the_baggage_the_span_started_with() {
    // GIVEN
    List<SpanData> spans = tenantTrace();
    // WHEN/THEN
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("processOrder").hasBaggage("tenant.id", "globex"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processOrder] to have started with the baggage:
              tenant.id=globex
            but the baggage where it started was:
              region=eu
              tenant.id=acme

            trace 00000000000000000000000000000001 (2 spans, 0 ns)
            └─ processOrder [INTERNAL, UNSET, 0 ns]  <-- expected baggage tenant.id=globex
               └─ audit [INTERNAL, UNSET, 0 ns]""");
  }

  @Test
  void should_fail_when_the_baggage_was_lost_on_the_way() {
    // GIVEN
    List<SpanData> spans = tenantTrace();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("audit").hasBaggage("tenant.id", "acme"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            """
            Expecting span [audit] to have started with the baggage:
              tenant.id=acme
            but the baggage where it started was:
              (none)
            """);
  }

  @Test
  void should_pass_for_spans_of_a_closed_harness() {
    // GIVEN spans whose harness is closed: each carries the baggage it started with
    List<SpanData> spans = tenantTrace();
    traces.close();
    // WHEN/THEN
    assertThatTrace(spans).span("processOrder").hasBaggage("tenant.id", "acme");
  }

  @Test
  void should_fail_clearly_for_spans_no_spanproof_harness_captured() {
    // GIVEN spans that passed through something else, as spans from an exporter do
    List<SpanData> spans =
        tenantTrace().stream().map(span -> (SpanData) new DelegatingSpanData(span) {}).toList();
    // WHEN/THEN
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("processOrder").hasBaggage("tenant.id", "acme"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [processOrder] to have started with the baggage:
              tenant.id=acme
            but no spanproof harness captured this span, so its baggage is unknown: baggage can be\
             checked for spans a spanproof harness captured, not for spans exported elsewhere""");
  }

  @Test
  void should_throw_naming_the_parameter_on_a_null_key() {
    List<SpanData> spans = tenantTrace();
    assertThatThrownBy(() -> assertThatTrace(spans).span("processOrder").hasBaggage(null, "acme"))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("hasBaggage(String key, String value): key must not be null");
  }
}
