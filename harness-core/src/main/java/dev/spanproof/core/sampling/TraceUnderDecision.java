package dev.spanproof.core.sampling;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * The trace a decision is made for: its spans in arrival order (the order the caller gave them) and
 * the virtual time of the decision, which the rate-limiting policies read.
 */
final class TraceUnderDecision {

  private final String traceId;
  private final List<SpanData> spans;
  private final long decisionEpochNanos;

  TraceUnderDecision(String traceId, List<SpanData> spans, long decisionEpochNanos) {
    this.traceId = traceId;
    this.spans = List.copyOf(spans);
    this.decisionEpochNanos = decisionEpochNanos;
  }

  String traceId() {
    return traceId;
  }

  List<SpanData> spans() {
    return spans;
  }

  int spanCount() {
    return spans.size();
  }

  long decisionEpochNanos() {
    return decisionEpochNanos;
  }
}
