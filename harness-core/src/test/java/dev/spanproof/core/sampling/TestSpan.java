package dev.spanproof.core.sampling;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;

/** Hand-made spans for decisions: {@code TestSpan.named("GET /orders").took(1240).build()}. */
final class TestSpan {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final long EPOCH_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private final String name;
  private String traceId = TRACE_ID;
  private long id = 1;
  private long startMillis;
  private long durationNanos = 10_000_000;
  private StatusCode status = StatusCode.UNSET;
  private SpanKind kind = SpanKind.INTERNAL;
  private TraceFlags flags = TraceFlags.getSampled();
  private TraceState traceState = TraceState.getDefault();
  private final AttributesBuilder attributes = Attributes.builder();
  private final AttributesBuilder resource = Attributes.builder();
  private final List<EventData> events = new ArrayList<>();

  private TestSpan(String name) {
    this.name = name;
  }

  static TestSpan named(String name) {
    return new TestSpan(name);
  }

  TestSpan traceId(String id) {
    this.traceId = id;
    return this;
  }

  TestSpan id(long spanId) {
    this.id = spanId;
    return this;
  }

  /** Starts this many milliseconds after 2026-01-01T00:00:00Z. */
  TestSpan startsAt(long millis) {
    this.startMillis = millis;
    return this;
  }

  TestSpan took(long millis) {
    this.durationNanos = millis * 1_000_000;
    return this;
  }

  TestSpan tookNanos(long nanos) {
    this.durationNanos = nanos;
    return this;
  }

  TestSpan status(StatusCode code) {
    this.status = code;
    return this;
  }

  TestSpan kind(SpanKind spanKind) {
    this.kind = spanKind;
    return this;
  }

  TestSpan notSampledFlag() {
    this.flags = TraceFlags.getDefault();
    return this;
  }

  TestSpan traceState(String key, String value) {
    this.traceState = TraceState.builder().put(key, value).build();
    return this;
  }

  TestSpan attribute(String key, Object value) {
    put(attributes, key, value);
    return this;
  }

  TestSpan resource(String key, Object value) {
    put(resource, key, value);
    return this;
  }

  TestSpan event(String eventName, Attributes eventAttributes) {
    events.add(EventData.create(start() + 1, eventName, eventAttributes));
    return this;
  }

  SpanData build() {
    return TestSpanData.builder()
        .setName(name)
        .setKind(kind)
        .setSpanContext(SpanContext.create(traceId, String.format("%016x", id), flags, traceState))
        .setParentSpanContext(SpanContext.getInvalid())
        .setResource(Resource.create(resource.build()))
        .setAttributes(attributes.build())
        .setEvents(events)
        .setStartEpochNanos(start())
        .setEndEpochNanos(start() + durationNanos)
        .setHasEnded(true)
        .setStatus(StatusData.create(status, ""))
        .setTotalRecordedEvents(events.size())
        .setTotalRecordedLinks(0)
        .setTotalAttributeCount(attributes.build().size())
        .build();
  }

  private long start() {
    return (EPOCH_MILLIS + startMillis) * 1_000_000;
  }

  private static void put(AttributesBuilder builder, String key, Object value) {
    if (value instanceof String text) {
      builder.put(AttributeKey.stringKey(key), text);
    } else if (value instanceof Long number) {
      builder.put(AttributeKey.longKey(key), number);
    } else if (value instanceof Integer number) {
      builder.put(AttributeKey.longKey(key), number.longValue());
    } else if (value instanceof Double number) {
      builder.put(AttributeKey.doubleKey(key), number);
    } else if (value instanceof Boolean bool) {
      builder.put(AttributeKey.booleanKey(key), bool);
    } else {
      throw new IllegalArgumentException("unsupported attribute value " + value);
    }
  }
}
