package dev.spanproof.core.semconv;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/**
 * Spans with exactly the attributes a rule test needs; real instrumentation's spans are elsewhere.
 */
final class TestSpans {

  private static long nextId = 1;

  private TestSpans() {}

  /**
   * A span with attributes given as key, value, key, value…: String, Long/Integer (int), Boolean
   * and List of String values.
   */
  static synchronized SpanData span(
      String name, SpanKind kind, StatusCode status, Object... keyValues) {
    AttributesBuilder attributes = Attributes.builder();
    for (int i = 0; i < keyValues.length; i += 2) {
      String key = (String) keyValues[i];
      Object value = keyValues[i + 1];
      if (value instanceof String text) {
        attributes.put(AttributeKey.stringKey(key), text);
      } else if (value instanceof Number number) {
        attributes.put(AttributeKey.longKey(key), number.longValue());
      } else if (value instanceof Boolean flag) {
        attributes.put(AttributeKey.booleanKey(key), flag);
      } else {
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) value;
        attributes.put(AttributeKey.stringArrayKey(key), strings);
      }
    }
    Attributes built = attributes.build();
    return TestSpanData.builder()
        .setName(name)
        .setKind(kind)
        .setSpanContext(
            SpanContext.create(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                String.format("%016x", nextId++),
                TraceFlags.getSampled(),
                TraceState.getDefault()))
        .setStartEpochNanos(0)
        .setEndEpochNanos(1_000_000)
        .setHasEnded(true)
        .setStatus(status == StatusCode.UNSET ? StatusData.unset() : StatusData.create(status, ""))
        .setAttributes(built)
        .setTotalAttributeCount(built.size())
        .setTotalRecordedEvents(0)
        .setTotalRecordedLinks(0)
        .build();
  }
}
