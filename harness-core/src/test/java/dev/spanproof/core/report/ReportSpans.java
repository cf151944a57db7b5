package dev.spanproof.core.report;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/** Hand-made spans for report tests: span 1 has id 0000000000000001; times in milliseconds. */
final class ReportSpans {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private ReportSpans() {}

  static TestSpanData.Builder span(String name, long id, long parentId, long startMs, long endMs) {
    return TestSpanData.builder()
        .setName(name)
        .setKind(SpanKind.INTERNAL)
        .setSpanContext(context(id))
        .setParentSpanContext(parentId == 0 ? SpanContext.getInvalid() : context(parentId))
        .setStartEpochNanos(startMs * 1_000_000)
        .setEndEpochNanos(endMs * 1_000_000)
        .setHasEnded(true)
        .setStatus(StatusData.unset())
        .setResource(Resource.empty())
        .setTotalRecordedEvents(0)
        .setTotalRecordedLinks(0)
        .setTotalAttributeCount(0);
  }

  static SpanData withEvent(TestSpanData.Builder span, long atMs, String name) {
    return span.setEvents(List.of(EventData.create(atMs * 1_000_000, name, Attributes.empty())))
        .setTotalRecordedEvents(1)
        .build();
  }

  static LinkData linkTo(long id) {
    return LinkData.create(context(id));
  }

  static SpanContext context(long id) {
    return SpanContext.create(
        TRACE_ID, spanId(id), TraceFlags.getSampled(), TraceState.getDefault());
  }

  static String spanId(long id) {
    return String.format("%016x", id);
  }
}
