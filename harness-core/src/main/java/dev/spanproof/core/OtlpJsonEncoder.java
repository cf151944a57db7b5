package dev.spanproof.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.SpanFlags;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes spans as OTLP/JSON with OpenTelemetry's own protobuf definitions ({@code
 * opentelemetry/proto/trace/v1/trace.proto}, opentelemetry-proto 1.8.0) and protobuf's {@link
 * JsonFormat}, which already gives what the OTLP specification's "JSON Protobuf Encoding" asks for:
 * lowerCamelCase keys and 64-bit integers as decimal strings; enums are printed as integers, as the
 * specification requires. Its one departure from the protobuf mapping, hex instead of base64 ids,
 * is applied afterwards, as {@link OtlpJson} undoes it when reading.
 */
final class OtlpJsonEncoder {

  private static final HexFormat HEX = HexFormat.of();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().printingEnumsAsInts().omittingInsignificantWhitespace();

  private OtlpJsonEncoder() {}

  /**
   * One {@code TracesData} object on one line: the spans grouped by resource, then by scope, each
   * group in the order its first span comes in {@code spans}.
   */
  static String toJsonLine(Collection<? extends SpanData> spans) {
    Map<Resource, Map<InstrumentationScopeInfo, List<SpanData>>> groups = new LinkedHashMap<>();
    for (SpanData span : spans) {
      groups
          .computeIfAbsent(span.getResource(), resource -> new LinkedHashMap<>())
          .computeIfAbsent(span.getInstrumentationScopeInfo(), scope -> new ArrayList<>())
          .add(span);
    }
    TracesData.Builder traces = TracesData.newBuilder();
    groups.forEach(
        (resource, byScope) -> {
          ResourceSpans.Builder resourceSpans =
              ResourceSpans.newBuilder()
                  .setResource(
                      io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                          .addAllAttributes(keyValues(resource.getAttributes())));
          if (resource.getSchemaUrl() != null) {
            resourceSpans.setSchemaUrl(resource.getSchemaUrl());
          }
          byScope.forEach(
              (scope, members) -> resourceSpans.addScopeSpans(scopeSpans(scope, members)));
          traces.addResourceSpans(resourceSpans);
        });
    return hexIds(print(traces.build()));
  }

  private static ScopeSpans scopeSpans(InstrumentationScopeInfo scope, List<SpanData> spans) {
    InstrumentationScope.Builder otlpScope =
        InstrumentationScope.newBuilder()
            .setName(scope.getName())
            .addAllAttributes(keyValues(scope.getAttributes()));
    if (scope.getVersion() != null) {
      otlpScope.setVersion(scope.getVersion());
    }
    ScopeSpans.Builder scopeSpans = ScopeSpans.newBuilder().setScope(otlpScope);
    if (scope.getSchemaUrl() != null) {
      scopeSpans.setSchemaUrl(scope.getSchemaUrl());
    }
    for (SpanData span : spans) {
      scopeSpans.addSpans(span(span));
    }
    return scopeSpans.build();
  }

  private static Span span(SpanData span) {
    SpanContext context = span.getSpanContext();
    Span.Builder otlp =
        Span.newBuilder()
            .setTraceId(id(context.getTraceId()))
            .setSpanId(id(context.getSpanId()))
            .setTraceState(traceState(context.getTraceState()))
            .setFlags(flags(context, span.getParentSpanContext().isRemote()))
            .setName(span.getName())
            .setKind(kind(span.getKind()))
            .setStartTimeUnixNano(span.getStartEpochNanos())
            .setEndTimeUnixNano(span.getEndEpochNanos())
            .addAllAttributes(keyValues(span.getAttributes()))
            .setDroppedAttributesCount(
                dropped(span.getTotalAttributeCount(), span.getAttributes().size()))
            .setDroppedEventsCount(dropped(span.getTotalRecordedEvents(), span.getEvents().size()))
            .setDroppedLinksCount(dropped(span.getTotalRecordedLinks(), span.getLinks().size()))
            .setStatus(
                Status.newBuilder()
                    .setCode(statusCode(span.getStatus().getStatusCode()))
                    .setMessage(span.getStatus().getDescription()));
    if (span.getParentSpanContext().isValid()) {
      otlp.setParentSpanId(id(span.getParentSpanId()));
    }
    for (EventData event : span.getEvents()) {
      otlp.addEvents(
          Span.Event.newBuilder()
              .setTimeUnixNano(event.getEpochNanos())
              .setName(event.getName())
              .addAllAttributes(keyValues(event.getAttributes()))
              .setDroppedAttributesCount(
                  dropped(event.getTotalAttributeCount(), event.getAttributes().size())));
    }
    for (LinkData link : span.getLinks()) {
      SpanContext linked = link.getSpanContext();
      otlp.addLinks(
          Span.Link.newBuilder()
              .setTraceId(id(linked.getTraceId()))
              .setSpanId(id(linked.getSpanId()))
              .setTraceState(traceState(linked.getTraceState()))
              .setFlags(flags(linked, linked.isRemote()))
              .addAllAttributes(keyValues(link.getAttributes()))
              .setDroppedAttributesCount(
                  dropped(link.getTotalAttributeCount(), link.getAttributes().size())));
    }
    return otlp.build();
  }

  /**
   * How many were recorded but not kept; never negative, also for span data that counts fewer
   * recorded than it holds (a hand-made {@code SpanData} left at 0).
   */
  private static int dropped(int recorded, int kept) {
    return Math.max(0, recorded - kept);
  }

  private static Span.SpanKind kind(SpanKind kind) {
    return switch (kind) {
      case INTERNAL -> Span.SpanKind.SPAN_KIND_INTERNAL;
      case SERVER -> Span.SpanKind.SPAN_KIND_SERVER;
      case CLIENT -> Span.SpanKind.SPAN_KIND_CLIENT;
      case PRODUCER -> Span.SpanKind.SPAN_KIND_PRODUCER;
      case CONSUMER -> Span.SpanKind.SPAN_KIND_CONSUMER;
    };
  }

  private static Status.StatusCode statusCode(StatusCode code) {
    return switch (code) {
      case UNSET -> Status.StatusCode.STATUS_CODE_UNSET;
      case OK -> Status.StatusCode.STATUS_CODE_OK;
      case ERROR -> Status.StatusCode.STATUS_CODE_ERROR;
    };
  }

  /**
   * The W3C trace flags in the low 8 bits, and in bits 8 and 9 that {@code remote} is known and
   * whether it is so: for a span, whether its parent is remote; for a link, the linked context.
   */
  private static int flags(SpanContext context, boolean remote) {
    int flags =
        Byte.toUnsignedInt(context.getTraceFlags().asByte())
            | SpanFlags.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK_VALUE;
    return remote ? flags | SpanFlags.SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK_VALUE : flags;
  }

  /** As the W3C trace state header carries it: {@code key=value} members joined by commas. */
  private static String traceState(TraceState traceState) {
    StringBuilder header = new StringBuilder();
    traceState.forEach(
        (key, value) ->
            header.append(header.length() == 0 ? "" : ",").append(key).append('=').append(value));
    return header.toString();
  }

  private static ByteString id(String hex) {
    return ByteString.copyFrom(HEX.parseHex(hex));
  }

  private static List<KeyValue> keyValues(Attributes attributes) {
    List<KeyValue> keyValues = new ArrayList<>(attributes.size());
    attributes.forEach(
        (key, value) ->
            keyValues.add(
                KeyValue.newBuilder().setKey(key.getKey()).setValue(any(key, value)).build()));
    return keyValues;
  }

  private static AnyValue any(AttributeKey<?> key, Object value) {
    return switch (key.getType()) {
      case STRING -> AnyValue.newBuilder().setStringValue((String) value).build();
      case BOOLEAN -> AnyValue.newBuilder().setBoolValue((Boolean) value).build();
      case LONG -> AnyValue.newBuilder().setIntValue((Long) value).build();
      case DOUBLE -> AnyValue.newBuilder().setDoubleValue((Double) value).build();
      case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> array((List<?>) value);
      // Newer API types (complex values) have no spanproof reading yet: kept as their text.
      default -> AnyValue.newBuilder().setStringValue(String.valueOf(value)).build();
    };
  }

  private static AnyValue array(List<?> values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (Object value : values) {
      AnyValue.Builder element = AnyValue.newBuilder();
      if (value instanceof String text) {
        element.setStringValue(text);
      } else if (value instanceof Boolean bool) {
        element.setBoolValue(bool);
      } else if (value instanceof Long number) {
        element.setIntValue(number);
      } else {
        element.setDoubleValue((Double) value);
      }
      array.addValues(element);
    }
    return AnyValue.newBuilder().setArrayValue(array).build();
  }

  private static String print(TracesData traces) {
    try {
      return PRINTER.print(traces);
    } catch (InvalidProtocolBufferException e) {
      // Only Any fields with unknown types fail to print, and TracesData has none.
      throw new IllegalStateException("protobuf could not print TracesData", e);
    }
  }

  /** The printed JSON with the ids of spans and links turned from base64 into lowercase hex. */
  private static String hexIds(String json) {
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    for (JsonElement resourceSpans : OtlpJson.arrayAt(root, "resourceSpans")) {
      for (JsonElement scopeSpans : OtlpJson.arrayAt(resourceSpans, "scopeSpans")) {
        for (JsonElement span : OtlpJson.arrayAt(scopeSpans, "spans")) {
          base64IdsToHex(span.getAsJsonObject());
          for (JsonElement link : OtlpJson.arrayAt(span, "links")) {
            base64IdsToHex(link.getAsJsonObject());
          }
        }
      }
    }
    return root.toString();
  }

  private static void base64IdsToHex(JsonObject message) {
    for (String field : OtlpJson.ID_FIELDS) {
      JsonElement id = message.get(field);
      if (id != null) {
        message.add(
            field, new JsonPrimitive(HEX.formatHex(Base64.getDecoder().decode(id.getAsString()))));
      }
    }
  }
}
