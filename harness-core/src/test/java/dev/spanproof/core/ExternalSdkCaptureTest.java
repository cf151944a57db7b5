package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.semconv.ServiceAttributes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An SDK built elsewhere (as Spring Boot builds one), captured into open harnesses. */
class ExternalSdkCaptureTest {

  private static final Resource APPLICATION =
      Resource.create(
          io.opentelemetry.api.common.Attributes.of(ServiceAttributes.SERVICE_NAME, "orders"));

  private final SdkTracerProvider applicationSdk =
      SdkTracerProvider.builder()
          .setResource(APPLICATION)
          .setSampler(ExternalSdkCapture.recordingSampler(Sampler.alwaysOn()))
          .addSpanProcessor(ExternalSdkCapture.spanProcessor())
          .build();
  private final Tracer tracer = applicationSdk.get("application");

  @AfterEach
  void shutDown() {
    applicationSdk.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Test
  void should_put_the_application_spans_in_the_session_current_when_they_start() {
    try (TracingHarness harness = TracingHarness.builder().build();
        CaptureSession session = harness.openSession("order flow")) {
      // WHEN
      try (Scope ignored = session.makeCurrent()) {
        tracer.spanBuilder("GET /orders/{id}").setNoParent().startSpan().end();
      }
      // THEN the application's own resource, not the harness's
      assertThat(session.finishedSpans())
          .singleElement()
          .satisfies(span -> assertThat(span.getName()).isEqualTo("GET /orders/{id}"))
          .satisfies(span -> assertThat(span.getResource()).isEqualTo(APPLICATION));
      assertThat(harness.unownedSpans()).isEmpty();
    }
  }

  @Test
  void should_give_a_span_with_a_remote_parent_on_another_thread_to_the_session_of_its_trace()
      throws Exception {
    ExecutorService requestThreads = Executors.newSingleThreadExecutor();
    try (TracingHarness harness = TracingHarness.builder().build();
        CaptureSession session = harness.openSession("order flow")) {
      Span client;
      try (Scope ignored = session.makeCurrent()) {
        client = tracer.spanBuilder("http get").setSpanKind(SpanKind.CLIENT).startSpan();
      }
      SpanContext sent =
          SpanContext.createFromRemoteParent(
              client.getSpanContext().getTraceId(),
              client.getSpanContext().getSpanId(),
              client.getSpanContext().getTraceFlags(),
              client.getSpanContext().getTraceState());
      // WHEN a request thread, which knows nothing of the session, continues the trace
      requestThreads
          .submit(
              () ->
                  tracer
                      .spanBuilder("http get /orders/{id}")
                      .setSpanKind(SpanKind.SERVER)
                      .setParent(Context.root().with(Span.wrap(sent)))
                      .startSpan()
                      .end())
          .get(10, TimeUnit.SECONDS);
      client.end();
      // THEN
      assertThat(session.finishedSpans())
          .extracting(SpanData::getName)
          .containsExactly("http get", "http get /orders/{id}");
      assertThat(harness.unownedSpans()).isEmpty();
    } finally {
      requestThreads.shutdownNow();
    }
  }

  @Test
  void should_keep_a_span_of_no_session_with_the_harness_built_first() {
    try (TracingHarness first = TracingHarness.builder().build();
        TracingHarness second = TracingHarness.builder().build()) {
      // WHEN
      tracer.spanBuilder("scheduled cleanup").startSpan().end();
      // THEN
      assertThat(first.unownedSpanReports())
          .singleElement()
          .satisfies(span -> assertThat(span.name()).isEqualTo("scheduled cleanup"))
          .satisfies(
              span -> assertThat(span.reason()).isEqualTo("started outside any capture session"));
      assertThat(second.unownedSpans()).isEmpty();
    }
  }

  @Test
  void should_report_where_a_span_of_no_session_started_from_the_caller_down() {
    try (TracingHarness harness = TracingHarness.builder().recordStartStacks(true).build()) {
      // WHEN
      tracer.spanBuilder("scheduled cleanup").startSpan().end();
      // THEN the stack opens at this test, not in the SDK or spanproof's capture
      assertThat(harness.unownedSpanReports())
          .singleElement()
          .satisfies(
              span ->
                  assertThat(span.startStack().orElseThrow().get(0).getMethodName())
                      .isEqualTo(
                          "should_report_where_a_span_of_no_session_started_from_the_caller_down"));
    }
  }

  @Test
  void should_record_what_the_application_sampler_dropped_in_the_session() {
    SdkTracerProvider droppingSdk =
        SdkTracerProvider.builder()
            .setSampler(ExternalSdkCapture.recordingSampler(Sampler.traceIdRatioBased(0)))
            .addSpanProcessor(ExternalSdkCapture.spanProcessor())
            .build();
    try (TracingHarness harness = TracingHarness.builder().build();
        CaptureSession session = harness.openSession("order flow")) {
      // WHEN
      try (Scope ignored = session.makeCurrent()) {
        droppingSdk.get("application").spanBuilder("processOrder").startSpan().end();
      }
      // THEN
      assertThat(session.finishedSpans()).isEmpty();
      assertThat(session.spansDroppedBySampler()).isEqualTo(1);
      assertThat(session.samplingDecisions())
          .singleElement()
          .satisfies(record -> assertThat(record.spanName()).isEqualTo("processOrder"))
          .satisfies(record -> assertThat(record.decision()).isEqualTo(SamplingDecision.DROP))
          .satisfies(
              record ->
                  assertThat(record.samplerDescription()).isEqualTo("TraceIdRatioBased{0.000000}"));
    } finally {
      droppingSdk.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void should_keep_the_wrapped_sampler_description() {
    Sampler sampler = Sampler.parentBased(Sampler.traceIdRatioBased(0.1));

    assertThat(ExternalSdkCapture.recordingSampler(sampler).getDescription())
        .isEqualTo(sampler.getDescription());
  }

  @Test
  void should_refuse_a_null_sampler() {
    assertThatThrownBy(() -> ExternalSdkCapture.recordingSampler(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sampler must not be null");
  }
}
