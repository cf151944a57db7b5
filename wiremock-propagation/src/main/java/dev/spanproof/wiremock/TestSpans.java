package dev.spanproof.wiremock;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.UnendedSpan;
import dev.spanproof.core.internal.OpenHarnesses;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spans of the test a request belongs to, ended or not: a client span is still open while its
 * request is served.
 */
final class TestSpans {

  private TestSpans() {}

  /** A span of a test, reduced to what propagation checks compare. */
  record SpanRef(String name, SpanKind kind, SpanContext context, long startNanos) {

    String describe() {
      return "span [" + name + "] " + kind + " " + context.getSpanId();
    }

    /** The traceparent a client sends for this span. */
    String traceparent() {
      return "00-"
          + context.getTraceId()
          + "-"
          + context.getSpanId()
          + "-"
          + context.getTraceFlags().asHex();
    }
  }

  /** The session that started the trace, else the one current on this thread (the test's own). */
  static Optional<CaptureSession> sessionFor(String traceId) {
    Optional<CaptureSession> owner = OpenHarnesses.findSessionOwningTrace(traceId);
    return owner.isPresent() ? owner : CaptureSession.current();
  }

  /** Every span of the session, ended or not, in start order. */
  static List<SpanRef> of(CaptureSession session) {
    // Unended first: a span that ends in between is then seen twice (kept once), never missed.
    Map<String, SpanRef> bySpanId = new LinkedHashMap<>();
    for (UnendedSpan unended : session.unendedSpans()) {
      ReadableSpan span = unended.span();
      bySpanId.put(
          span.getSpanContext().getSpanId(),
          new SpanRef(
              span.getName(),
              span.getKind(),
              span.getSpanContext(),
              span.toSpanData().getStartEpochNanos()));
    }
    for (SpanData span : session.finishedSpans()) {
      bySpanId.put(
          span.getSpanId(),
          new SpanRef(
              span.getName(), span.getKind(), span.getSpanContext(), span.getStartEpochNanos()));
    }
    List<SpanRef> spans = new ArrayList<>(bySpanId.values());
    spans.sort(Comparator.comparingLong(SpanRef::startNanos));
    return spans;
  }

  static Optional<SpanRef> withSpanId(List<SpanRef> spans, String traceId, String spanId) {
    return spans.stream()
        .filter(span -> span.context().getSpanId().equals(spanId))
        .filter(span -> traceId == null || span.context().getTraceId().equals(traceId))
        .findFirst();
  }
}
