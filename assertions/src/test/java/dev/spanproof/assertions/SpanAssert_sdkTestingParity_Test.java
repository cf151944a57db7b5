package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checks OpenTelemetry's sdk-testing SpanDataAssert has, under its method names, so that a
 * migration is mostly a change of import.
 */
class SpanAssert_sdkTestingParity_Test {

  private static final String TREE =
      "\n"
          + """

      trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
      └─ processOrder [SERVER, UNSET, 10.0 ms] http.request.method=POST http.route=/orders
         ├─ validateInventory [INTERNAL, UNSET, 2.00 ms]
         └─ processPayment [CLIENT, ERROR "card declined", 5.00 ms] events: exception  <--\s""";

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_with_the_span_as_captured() {
    SpanData payment =
        traces.orderTrace().stream()
            .filter(span -> span.getName().equals("processPayment"))
            .findFirst()
            .orElseThrow();
    assertThatTrace(List.of(payment, parentOf(payment)))
        .span("processPayment")
        .hasSpanId("0000000000000003")
        .hasParentSpanId("0000000000000001")
        .hasEnded()
        .startsAt(Instant.parse("2026-01-01T00:00:00.004Z"))
        .startsAt(payment.getStartEpochNanos())
        .endsAt(Instant.parse("2026-01-01T00:00:00.009Z"))
        .endsAt(payment.getEndEpochNanos())
        .hasResource(payment.getResource())
        .hasInstrumentationScopeInfo(payment.getInstrumentationScopeInfo())
        .hasTotalAttributeCount(2)
        .hasTotalRecordedEvents(1)
        .hasTotalRecordedLinks(0)
        .hasEventsSatisfying(events -> assertThat(events).hasSize(1))
        .hasLinksSatisfying(links -> assertThat(links).isEmpty())
        .spanDataSatisfies(data -> assertThat(data.getTotalRecordedLinks()).isZero());
  }

  private SpanData parentOf(SpanData span) {
    return traces.harness.finishedSpans().stream()
        .filter(s -> s.getSpanId().equals(span.getParentSpanId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void should_fail_on_another_parent_span_id_saying_where_the_span_hangs() {
    List<SpanData> spans = traces.orderTrace();
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("processPayment").hasParentSpanId("0000000000000002"))
        .hasMessage(
            """
            Expecting span [processPayment] to have the parent span id:
              0000000000000002
            but its parent span id is:
              0000000000000001 (its parent is span [processOrder])"""
                + TREE
                + "expected parent span id 0000000000000002");
  }

  @Test
  void should_fail_on_another_start_showing_both_instants() {
    List<SpanData> spans = traces.orderTrace();
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .startsAt(Instant.parse("2026-01-01T00:00:00.005Z")))
        .hasMessage(
            """
            Expecting span [processPayment] to start at:
              2026-01-01T00:00:00.005Z
            but it started at:
              2026-01-01T00:00:00.004Z"""
                + TREE
                + "expected start 2026-01-01T00:00:00.005Z");
  }

  @Test
  void should_fail_on_another_scope_naming_its_version() {
    List<SpanData> spans = traces.orderTrace();
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .hasInstrumentationScopeInfo(
                        InstrumentationScopeInfo.builder("orders").setVersion("1.2").build()))
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to come from the instrumentation scope:
              "orders" version 1.2
            but it comes from:
              "spanproof-test"
            """);
  }

  @Test
  void should_fail_on_another_resource_listing_both() {
    List<SpanData> spans = traces.orderTrace();
    Resource expected =
        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "orders"));
    assertThatThrownBy(() -> assertThatTrace(spans).span("processPayment").hasResource(expected))
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to have the resource:
              service.name=orders
            but its resource is:
            """);
  }

  @Test
  void should_fail_on_counts_saying_what_was_dropped() {
    List<SpanData> spans = traces.orderTrace();
    assertThatThrownBy(
            () -> assertThatTrace(spans).span("processPayment").hasTotalAttributeCount(3))
        .hasMessage(
            """
            Expecting span [processPayment] to have recorded this many attributes (dropped ones included):
              3
            but it recorded:
              2"""
                + TREE
                + "expected 3 attributes");
  }

  @Test
  void should_fail_on_events_that_miss_the_requirements_drawing_the_trace() {
    List<SpanData> spans = traces.orderTrace();
    assertThatThrownBy(
            () ->
                assertThatTrace(spans)
                    .span("processPayment")
                    .hasEventsSatisfying(events -> assertThat(events).isEmpty()))
        .hasMessageStartingWith(
            """
            Expecting span [processPayment] to have events that satisfy the requirements, but they do not:
              Expecting empty but was: [ImmutableExceptionEventData{""")
        .hasMessageEndingWith("<-- events do not satisfy the requirements");
  }

  @Test
  void should_fail_on_an_unended_span_passed_as_data() {
    // The harness exports only ended spans; a SpanData of a running one is what users pass in.
    Span running = traces.harness.tracer().spanBuilder("poll").startSpan();
    SpanData data = ((ReadableSpan) running).toSpanData();
    running.end();
    assertThatThrownBy(() -> assertThatTrace(List.of(data)).span("poll").hasEnded())
        .hasMessageStartingWith(
            """
            Expecting span [poll] to have ended:
              an end time
            but it is still running
            """);
  }
}
