package dev.spanproof.core.trace;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/** Hand-made spans with readable ids: span "a" has id 000000000000000a, and so on. */
final class Spans {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private Spans() {}

  static SpanData span(String name, long id, long parentId, long startMillis) {
    return span(TRACE_ID, name, id, parentId, false, startMillis, startMillis + 10);
  }

  static SpanData remoteChild(String name, long id, long remoteParentId, long startMillis) {
    return span(TRACE_ID, name, id, remoteParentId, true, startMillis, startMillis + 10);
  }

  static SpanData span(
      String traceId,
      String name,
      long id,
      long parentId,
      boolean remoteParent,
      long startMillis,
      long endMillis) {
    SpanContext parent =
        parentId == 0
            ? SpanContext.getInvalid()
            : remoteParent
                ? SpanContext.createFromRemoteParent(
                    traceId, spanId(parentId), TraceFlags.getSampled(), TraceState.getDefault())
                : SpanContext.create(
                    traceId, spanId(parentId), TraceFlags.getSampled(), TraceState.getDefault());
    return TestSpanData.builder()
        .setName(name)
        .setKind(SpanKind.INTERNAL)
        .setSpanContext(
            SpanContext.create(
                traceId, spanId(id), TraceFlags.getSampled(), TraceState.getDefault()))
        .setParentSpanContext(parent)
        .setStartEpochNanos(startMillis * 1_000_000)
        .setEndEpochNanos(endMillis * 1_000_000)
        .setHasEnded(true)
        .setStatus(StatusData.unset())
        .setTotalRecordedEvents(0)
        .setTotalRecordedLinks(0)
        .setTotalAttributeCount(0)
        .build();
  }

  static String spanId(long id) {
    return String.format("%016x", id);
  }
}
