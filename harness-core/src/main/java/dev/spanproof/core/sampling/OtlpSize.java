package dev.spanproof.core.sampling;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The size in bytes of spans serialized as one OTLP protobuf {@code TracesData} message (the body
 * of an OTLP export request), grouped by resource and then by instrumentation scope as an OTLP
 * exporter sends them: what the Collector's {@code bytes_limiting} policy measures with {@code
 * ptrace.ProtoMarshaler.TracesSize}. Field numbers from opentelemetry-proto's {@code
 * trace/v1/trace.proto} and {@code common/v1/common.proto}; proto3 leaves out fields at their
 * default.
 */
final class OtlpSize {

  private OtlpSize() {}

  static long of(Collection<SpanData> spans) {
    // By identity, as the OTLP exporter groups them: an SDK shares one resource and one scope
    // object per tracer.
    IdentityHashMap<Resource, IdentityHashMap<InstrumentationScopeInfo, List<SpanData>>> grouped =
        new IdentityHashMap<>();
    for (SpanData span : spans) {
      grouped
          .computeIfAbsent(span.getResource(), resource -> new IdentityHashMap<>())
          .computeIfAbsent(span.getInstrumentationScopeInfo(), scope -> new ArrayList<>())
          .add(span);
    }
    long size = 0;
    for (Map.Entry<Resource, IdentityHashMap<InstrumentationScopeInfo, List<SpanData>>> resource :
        grouped.entrySet()) {
      size += message(1, resourceSpans(resource.getKey(), resource.getValue()));
    }
    return size;
  }

  private static long resourceSpans(
      Resource resource, IdentityHashMap<InstrumentationScopeInfo, List<SpanData>> scopes) {
    long size = message(1, attributes(1, resource.getAttributes()));
    for (Map.Entry<InstrumentationScopeInfo, List<SpanData>> scope : scopes.entrySet()) {
      long scopeSpans = message(1, scope(scope.getKey()));
      for (SpanData span : scope.getValue()) {
        scopeSpans += message(2, span(span));
      }
      scopeSpans += string(3, scope.getKey().getSchemaUrl());
      size += message(2, scopeSpans);
    }
    return size + string(3, resource.getSchemaUrl());
  }

  private static long scope(InstrumentationScopeInfo scope) {
    return string(1, scope.getName())
        + string(2, scope.getVersion())
        + attributes(3, scope.getAttributes());
  }

  private static long span(SpanData span) {
    SpanContext context = span.getSpanContext();
    SpanContext parent = span.getParentSpanContext();
    long size =
        bytes(1, 16)
            + bytes(2, 8)
            + string(3, context.getTraceState().isEmpty() ? "" : traceState(context))
            + (parent.isValid() ? bytes(4, 8) : 0)
            + string(5, span.getName())
            + varint(6, kind(span.getKind()))
            + fixed64(7)
            + fixed64(8)
            + attributes(9, span.getAttributes())
            + varint(10, (long) span.getTotalAttributeCount() - span.getAttributes().size());
    for (EventData event : span.getEvents()) {
      size +=
          message(
              11,
              fixed64(1)
                  + string(2, event.getName())
                  + attributes(3, event.getAttributes())
                  + varint(
                      4, (long) event.getTotalAttributeCount() - event.getAttributes().size()));
    }
    size += varint(12, (long) span.getTotalRecordedEvents() - span.getEvents().size());
    for (LinkData link : span.getLinks()) {
      size +=
          message(
              13,
              bytes(1, 16)
                  + bytes(2, 8)
                  + string(
                      3,
                      link.getSpanContext().getTraceState().isEmpty()
                          ? ""
                          : traceState(link.getSpanContext()))
                  + attributes(4, link.getAttributes())
                  + varint(5, (long) link.getTotalAttributeCount() - link.getAttributes().size())
                  + fixed32(6, flags(link.getSpanContext(), link.getSpanContext().isRemote())));
    }
    size += varint(14, (long) span.getTotalRecordedLinks() - span.getLinks().size());
    StatusCode code = span.getStatus().getStatusCode();
    size +=
        message(
            15,
            string(2, span.getStatus().getDescription())
                + varint(3, code == StatusCode.UNSET ? 0 : code == StatusCode.OK ? 1 : 2));
    return size + fixed32(16, flags(context, parent.isRemote()));
  }

  /** OTLP's SpanKind: SPAN_KIND_INTERNAL is 1, then SERVER, CLIENT, PRODUCER, CONSUMER. */
  private static long kind(SpanKind kind) {
    return switch (kind) {
      case INTERNAL -> 1;
      case SERVER -> 2;
      case CLIENT -> 3;
      case PRODUCER -> 4;
      case CONSUMER -> 5;
    };
  }

  /**
   * OTLP span flags: the trace flags, and that the parent's remoteness is known (and its value).
   */
  private static int flags(SpanContext context, boolean remote) {
    return (context.getTraceFlags().asByte() & 0xff) | 0x100 | (remote ? 0x200 : 0);
  }

  private static String traceState(SpanContext context) {
    StringBuilder header = new StringBuilder();
    context
        .getTraceState()
        .forEach(
            (key, value) -> {
              if (header.length() > 0) {
                header.append(',');
              }
              header.append(key).append('=').append(value);
            });
    return header.toString();
  }

  private static long attributes(int field, Attributes attributes) {
    long size = 0;
    for (Map.Entry<AttributeKey<?>, Object> entry : attributes.asMap().entrySet()) {
      size +=
          message(
              field, string(1, entry.getKey().getKey()) + message(2, anyValue(entry.getValue())));
    }
    return size;
  }

  private static long anyValue(Object value) {
    if (value instanceof String text) {
      return oneofString(1, text);
    }
    if (value instanceof Boolean) {
      return 2;
    }
    if (value instanceof Long number) {
      return 1 + varintSize(number);
    }
    if (value instanceof Double) {
      return 9;
    }
    long array = 0;
    for (Object element : (List<?>) value) {
      array += message(1, anyValue(element));
    }
    return message(5, array);
  }

  private static long message(int field, long size) {
    return tagSize(field) + varintSize(size) + size;
  }

  private static long string(int field, String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return message(field, text.getBytes(StandardCharsets.UTF_8).length);
  }

  /** A string in a oneof: written even when empty. */
  private static long oneofString(int field, String text) {
    return message(field, text.getBytes(StandardCharsets.UTF_8).length);
  }

  private static long bytes(int field, int length) {
    return message(field, length);
  }

  private static long varint(int field, long value) {
    return value == 0 ? 0 : tagSize(field) + varintSize(value);
  }

  private static long fixed64(int field) {
    return tagSize(field) + 8;
  }

  private static long fixed32(int field, int value) {
    return value == 0 ? 0 : tagSize(field) + 4;
  }

  private static long tagSize(int field) {
    return varintSize((long) field << 3);
  }

  private static long varintSize(long value) {
    if (value < 0) {
      return 10;
    }
    int size = 1;
    while ((value >>>= 7) != 0) {
      size++;
    }
    return size;
  }
}
