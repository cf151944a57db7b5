package dev.spanproof.wiremock;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.concurrent.atomic.AtomicInteger;

/** Predictable ids, so failure messages can be pinned exactly: trace n ends in n, span n in n. */
final class SequentialIds implements IdGenerator {

  static final String TRACE_PREFIX = "4bf92f3577b34da6a3ce929d0e0e";
  static final String SPAN_PREFIX = "00f067aa0ba9";

  private final AtomicInteger traces = new AtomicInteger();
  private final AtomicInteger spans = new AtomicInteger();

  static String traceId(int n) {
    return TRACE_PREFIX + String.format("%04x", n);
  }

  static String spanId(int n) {
    return SPAN_PREFIX + String.format("%04x", n);
  }

  @Override
  public String generateSpanId() {
    return spanId(spans.incrementAndGet());
  }

  @Override
  public String generateTraceId() {
    return traceId(traces.incrementAndGet());
  }
}
