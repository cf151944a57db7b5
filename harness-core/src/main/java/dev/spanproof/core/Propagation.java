package dev.spanproof.core;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;

/** The header formats a {@link TracingHarness} can inject and extract. */
public enum Propagation {
  /** W3C Trace Context: {@code traceparent} and {@code tracestate}. */
  W3C_TRACE_CONTEXT(W3CTraceContextPropagator.getInstance()),
  /** W3C Baggage: {@code baggage}. */
  W3C_BAGGAGE(W3CBaggagePropagator.getInstance()),
  /** Zipkin B3 in one {@code b3} header. */
  B3_SINGLE(B3Propagator.injectingSingleHeader()),
  /** Zipkin B3 in {@code X-B3-TraceId}, {@code X-B3-SpanId}, {@code X-B3-Sampled}, … headers. */
  B3_MULTI(B3Propagator.injectingMultiHeaders()),
  /** Jaeger's {@code uber-trace-id} (and {@code uberctx-} baggage). */
  // OpenTelemetry deprecated its Jaeger propagator as Jaeger moved to W3C; services still send it.
  @SuppressWarnings("deprecation")
  JAEGER(JaegerPropagator.getInstance());

  private final TextMapPropagator propagator;

  Propagation(TextMapPropagator propagator) {
    this.propagator = propagator;
  }

  /** OpenTelemetry's propagator for this format. */
  public TextMapPropagator propagator() {
    return propagator;
  }
}
