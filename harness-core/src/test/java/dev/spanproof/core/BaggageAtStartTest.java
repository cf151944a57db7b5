package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BaggageAtStartTest {

  private final TracingHarness harness = TracingHarness.builder().build();

  @AfterEach
  void closeHarness() {
    harness.close();
  }

  @Test
  void should_carry_the_baggage_a_span_started_with_into_the_trace_model() {
    // GIVEN
    CaptureSession session = harness.openSession("test");
    // WHEN
    try (Scope inSession = session.makeCurrent();
        Scope withBaggage = Baggage.builder().put("tenant.id", "acme").build().makeCurrent()) {
      harness.tracer().spanBuilder("tenant-work").startSpan().end();
    }
    // THEN
    SpanNode node = session.traces().get(0).roots().get(0);
    assertThat(node.baggageAtStart())
        .hasValueSatisfying(
            baggage -> assertThat(baggage.getEntryValue("tenant.id")).isEqualTo("acme"));
  }

  @Test
  void should_give_empty_baggage_for_a_captured_span_that_started_without_any() {
    CaptureSession session = harness.openSession("test");
    harness.tracer().spanBuilder("plain").setParent(Context.root().with(session)).startSpan().end();
    assertThat(session.traces().get(0).roots().get(0).baggageAtStart())
        .hasValueSatisfying(baggage -> assertThat(baggage.isEmpty()).isTrue());
  }

  @Test
  void should_carry_baggage_of_unowned_spans_too() {
    try (Scope withBaggage = Baggage.builder().put("tenant.id", "lost").build().makeCurrent()) {
      harness.tracer().spanBuilder("unowned").startSpan().end();
    }
    assertThat(harness.traces().get(0).roots().get(0).baggageAtStart())
        .hasValueSatisfying(
            baggage -> assertThat(baggage.getEntryValue("tenant.id")).isEqualTo("lost"));
  }

  @Test
  void should_know_no_baggage_of_spans_captured_elsewhere() {
    // GIVEN spans from sdk-testing's exporter, which never saw their start context
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    try (Scope withBaggage = Baggage.builder().put("tenant.id", "acme").build().makeCurrent()) {
      provider.get("elsewhere").spanBuilder("exported").startSpan().end();
    }
    // THEN
    Trace exported = Trace.of(exporter.getFinishedSpanItems());
    provider.close();
    assertThat(exported.roots().get(0).baggageAtStart()).isEmpty();
  }
}
