package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.assertThatTraces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.CaptureSession;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceAssertions_assertThatTrace_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_on_the_spans_of_sdk_testings_in_memory_exporter() {
    // GIVEN spans captured by OpenTelemetry's own test kit
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      Span root = provider.get("test").spanBuilder("GET /orders").startSpan();
      try (Scope ignored = root.makeCurrent()) {
        provider.get("test").spanBuilder("SELECT orders").startSpan().end();
      }
      root.end();
      // WHEN/THEN: one line to switch (before shutdown, which empties the exporter)
      assertThatTrace(exporter.getFinishedSpanItems())
          .hasRoot("GET /orders")
          .hasSpanCount(2)
          .span("SELECT orders")
          .hasParent("GET /orders");
    }
  }

  @Test
  void should_check_an_exporters_spans_as_one_trace_or_as_several() {
    // GIVEN spans in OpenTelemetry's InMemorySpanExporter
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    List<SpanData> order =
        traces.record(
            span("GET /orders/{id}", 0, 10, span("SELECT orders", 1, 3), span("GET /stock", 4, 8)));
    assertThat(exporter.export(order).isSuccess()).isTrue();
    // WHEN/THEN
    assertThatTrace(exporter.getFinishedSpanItems()).hasRoot("GET /orders/{id}").hasSpanCount(3);

    assertThat(exporter.export(traces.record(span("GET /b", 11, 12))).isSuccess()).isTrue();
    assertThatTraces(exporter.getFinishedSpanItems())
        .hasTraceCount(2)
        .traceWithRoot("GET /b")
        .hasSpanCount(1);
  }

  @Test
  void should_pass_on_the_current_sessions_single_trace() {
    // GIVEN
    try (CaptureSession session = traces.harness.openSession("should_pass");
        Scope ignored = session.makeCurrent()) {
      traces.orderTrace();
      // WHEN/THEN
      assertThatTrace().hasRoot("processOrder").hasSpanCount(3);
    }
  }

  @Test
  void should_fail_saying_how_to_get_a_session_when_none_is_current() {
    assertThatThrownBy(TraceAssertions::assertThatTrace)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting a spanproof capture session to be current, but there is none.
            assertThatTrace() and assertThatTraces() read the current test's spans: annotate the test class \
            with @ExtendWith(TracingExtension.class) (or register TracingExtension with @RegisterExtension), \
            or make a CaptureSession current yourself; to check spans from elsewhere, pass them to \
            assertThatTrace(Collection<SpanData>).""");
  }

  @Test
  void should_fail_when_the_test_captured_no_trace_listing_spans_still_running() {
    // GIVEN a span that was started and never ended
    try (CaptureSession session = traces.harness.openSession("test [checkout]");
        Scope ignored = session.makeCurrent()) {
      traces.harness.tracer().spanBuilder("sendEmail").startSpan();
      // WHEN/THEN
      assertThatThrownBy(TraceAssertions::assertThatTrace)
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              """
              Expecting test [checkout] to hold exactly one trace, but it has none
              1 span was started but not ended (yet):
                span [sendEmail] 0000000000000001
              If they end on another thread, wait for them with awaitTrace().untilComplete().""");
    }
  }

  @Test
  void should_fail_drawing_every_trace_when_there_are_several() {
    // GIVEN
    List<SpanData> spans = new ArrayList<>(traces.record(span("GET /a", 0, 2)));
    spans.addAll(traces.record(span("GET /b", 3, 4, span("SELECT b", 3, 4))));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting the given spans to hold exactly one trace, but it has 2, with roots [GET /a], [GET /b]

            trace 00000000000000000000000000000001 (1 span, 2.00 ms)
            └─ GET /a [INTERNAL, UNSET, 2.00 ms]

            trace 00000000000000000000000000000002 (2 spans, 1.00 ms)
            └─ GET /b [INTERNAL, UNSET, 1.00 ms]
               └─ SELECT b [INTERNAL, UNSET, 1.00 ms]""");
  }

  @Test
  void should_fail_clearly_on_no_spans() {
    assertThatThrownBy(() -> assertThatTrace(List.of()))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expecting the given spans to hold exactly one trace, but it has none");
  }

  @Test
  void should_fail_clearly_on_null_spans() {
    assertThatThrownBy(() -> assertThatTrace((List<SpanData>) null))
        .isInstanceOf(AssertionError.class)
        .hasMessage("assertThatTrace(Collection<SpanData>) needs spans, but got null");
  }

  @Test
  void should_fail_clearly_on_null_elements() {
    // GIVEN
    List<SpanData> spans = Arrays.asList(traces.orderTrace().get(0), null);
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expecting spans without nulls, but 2 spans hold 1 null(s)");
  }

  @Test
  void should_let_an_illegal_argument_from_a_span_itself_through_unchanged() {
    // GIVEN no null, but a span that refuses to tell its trace id
    IllegalArgumentException refusal = new IllegalArgumentException("no trace id here");
    SpanData broken =
        new DelegatingSpanData(traces.orderTrace().get(0)) {
          @Override
          public String getTraceId() {
            throw refusal;
          }
        };
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(List.of(broken))).isSameAs(refusal);
  }

  @Test
  void should_fail_on_a_null_trace_at_the_first_assertion() {
    assertThatThrownBy(() -> assertThatTrace((dev.spanproof.core.trace.Trace) null).hasSpanCount(1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
