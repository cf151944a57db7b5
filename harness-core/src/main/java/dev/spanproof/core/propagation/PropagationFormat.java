package dev.spanproof.core.propagation;

/** A trace-context header format a request can carry. */
public enum PropagationFormat {
  /** W3C Trace Context: {@code traceparent} and {@code tracestate}. */
  W3C,
  /** B3 single header: {@code b3}. */
  B3_SINGLE,
  /** B3 multiple headers: {@code X-B3-TraceId}, {@code X-B3-SpanId} and friends. */
  B3_MULTI,
  /** Jaeger: {@code uber-trace-id}. */
  JAEGER
}
