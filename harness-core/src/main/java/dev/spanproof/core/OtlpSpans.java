package dev.spanproof.core;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.SpanFlags;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.semconv.ServiceAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns a decoded OTLP export request into {@link ReceivedSpan}s with their resource and scope, and
 * names every span it cannot accept. Field meanings follow {@code opentelemetry/proto/trace/v1/
 * trace.proto} (opentelemetry-proto 1.8.0): a trace id is 16 bytes, a span id 8, neither all zeros
 * (W3C Trace Context's invalid values), and a root span's parent id is empty.
 */
final class OtlpSpans {

  private static final HexFormat HEX = HexFormat.of();
  private static final int TRACE_ID_BYTES = 16;
  private static final int SPAN_ID_BYTES = 8;

  private OtlpSpans() {}

  /** The spans of one request that can be kept, and why each of the others cannot. */
  record Decoded(List<ReceivedSpan> spans, List<String> rejections) {}

  static Decoded decode(ExportTraceServiceRequest request) {
    return decode(request.getResourceSpansList());
  }

  /** The spans of a request's or a {@code TracesData}'s resource spans. */
  static Decoded decode(List<ResourceSpans> resourceSpansList) {
    List<ReceivedSpan> spans = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    for (ResourceSpans resourceSpans : resourceSpansList) {
      Resource resource =
          Resource.create(
              attributes(resourceSpans.getResource().getAttributesList()),
              emptyToNull(resourceSpans.getSchemaUrl()));
      String service = serviceName(resource);
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        InstrumentationScopeInfo scope = scope(scopeSpans);
        for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
          String problem = idProblem(span);
          if (problem == null) {
            spans.add(toReceivedSpan(span, scope, resource));
          } else {
            rejections.add("span [" + span.getName() + "] of " + service + ": " + problem);
          }
        }
      }
    }
    return new Decoded(spans, rejections);
  }

  /** {@code service [name]} from the resource's {@code service.name}, for messages. */
  static String serviceName(Resource resource) {
    String name = resource.getAttribute(ServiceAttributes.SERVICE_NAME);
    return name == null ? "a service without service.name" : "service [" + name + "]";
  }

  /** What is wrong with the span's ids, or null if they are usable. */
  private static String idProblem(io.opentelemetry.proto.trace.v1.Span span) {
    String problem = idProblem("trace id", span.getTraceId(), TRACE_ID_BYTES);
    if (problem == null) {
      problem = idProblem("span id", span.getSpanId(), SPAN_ID_BYTES);
    }
    if (problem == null && !span.getParentSpanId().isEmpty()) {
      problem = idProblem("parent span id", span.getParentSpanId(), SPAN_ID_BYTES);
    }
    return problem;
  }

  private static String idProblem(String what, ByteString id, int length) {
    if (id.size() != length) {
      return what + " has " + id.size() + " bytes, but must have " + length;
    }
    for (int i = 0; i < length; i++) {
      if (id.byteAt(i) != 0) {
        return null;
      }
    }
    return what + " is all zeros, which W3C Trace Context defines as invalid";
  }

  private static ReceivedSpan toReceivedSpan(
      io.opentelemetry.proto.trace.v1.Span span,
      InstrumentationScopeInfo scope,
      Resource resource) {
    String traceId = HEX.formatHex(span.getTraceId().toByteArray());
    // The low 8 bits of flags are the W3C trace flags; exporters older than the field send 0, and
    // an exported span was sampled, so 0 reads as sampled, unless the exporter sets bit 8 too and
    // so shows that it knows the field (the SDK's does, and spanproof's OTLP JSON export).
    int bits = span.getFlags();
    int traceFlagBits = bits & SpanFlags.SPAN_FLAGS_TRACE_FLAGS_MASK_VALUE;
    TraceFlags flags =
        traceFlagBits == 0 && (bits & SpanFlags.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK_VALUE) == 0
            ? TraceFlags.getSampled()
            : TraceFlags.fromByte((byte) traceFlagBits);
    TraceState traceState = traceState(span.getTraceState());
    SpanContext context =
        SpanContext.create(
            traceId, HEX.formatHex(span.getSpanId().toByteArray()), flags, traceState);
    return new ReceivedSpan(
        span.getName(),
        kind(span.getKind()),
        context,
        parent(span, traceId, flags, traceState),
        status(span.getStatus()),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        attributes(span.getAttributesList()),
        span.getAttributesCount() + span.getDroppedAttributesCount(),
        events(span),
        span.getEventsCount() + span.getDroppedEventsCount(),
        links(span),
        span.getLinksCount() + span.getDroppedLinksCount(),
        scope,
        resource);
  }

  /**
   * The parent's context; remote when the exporter says so in the flags (bits 8 and 9 of {@code
   * Span.flags}), as the SDK does for a span continuing an incoming request.
   */
  private static SpanContext parent(
      io.opentelemetry.proto.trace.v1.Span span,
      String traceId,
      TraceFlags flags,
      TraceState traceState) {
    if (span.getParentSpanId().isEmpty()) {
      return SpanContext.getInvalid();
    }
    String parentId = HEX.formatHex(span.getParentSpanId().toByteArray());
    return isRemote(span.getFlags())
        ? SpanContext.createFromRemoteParent(traceId, parentId, flags, traceState)
        : SpanContext.create(traceId, parentId, flags, traceState);
  }

  /** Whether bits 8 and 9 of a span's or link's flags say the context is remote. */
  private static boolean isRemote(int flags) {
    return (flags & SpanFlags.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK_VALUE) != 0
        && (flags & SpanFlags.SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK_VALUE) != 0;
  }

  /**
   * The W3C {@code tracestate} string as the W3C propagator reads it, so a malformed one is dropped
   * exactly as a receiving SDK would drop it.
   */
  private static TraceState traceState(String header) {
    if (header.isEmpty()) {
      return TraceState.getDefault();
    }
    Map<String, String> carrier =
        Map.of(
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "tracestate",
            header);
    Context extracted =
        W3CTraceContextPropagator.getInstance()
            .extract(Context.root(), carrier, MapGetter.INSTANCE);
    return Span.fromContext(extracted).getSpanContext().getTraceState();
  }

  private static SpanKind kind(io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_SERVER -> SpanKind.SERVER;
      case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
      case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
      case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
      // Unspecified and unknown kinds read as INTERNAL, the API's default.
      default -> SpanKind.INTERNAL;
    };
  }

  private static StatusData status(Status status) {
    StatusCode code =
        switch (status.getCode()) {
          case STATUS_CODE_OK -> StatusCode.OK;
          case STATUS_CODE_ERROR -> StatusCode.ERROR;
          default -> StatusCode.UNSET;
        };
    return StatusData.create(code, status.getMessage());
  }

  private static List<EventData> events(io.opentelemetry.proto.trace.v1.Span span) {
    List<EventData> events = new ArrayList<>(span.getEventsCount());
    for (io.opentelemetry.proto.trace.v1.Span.Event event : span.getEventsList()) {
      events.add(
          EventData.create(
              event.getTimeUnixNano(),
              event.getName(),
              attributes(event.getAttributesList()),
              event.getAttributesCount() + event.getDroppedAttributesCount()));
    }
    return events;
  }

  private static List<LinkData> links(io.opentelemetry.proto.trace.v1.Span span) {
    List<LinkData> links = new ArrayList<>(span.getLinksCount());
    for (io.opentelemetry.proto.trace.v1.Span.Link link : span.getLinksList()) {
      int traceFlagBits = link.getFlags() & SpanFlags.SPAN_FLAGS_TRACE_FLAGS_MASK_VALUE;
      // A link with unusable ids keeps its place as a link to the invalid context.
      String traceId = HEX.formatHex(link.getTraceId().toByteArray());
      String spanId = HEX.formatHex(link.getSpanId().toByteArray());
      TraceFlags flags = TraceFlags.fromByte((byte) traceFlagBits);
      TraceState traceState = traceState(link.getTraceState());
      SpanContext linked =
          isRemote(link.getFlags())
              ? SpanContext.createFromRemoteParent(traceId, spanId, flags, traceState)
              : SpanContext.create(traceId, spanId, flags, traceState);
      links.add(
          LinkData.create(
              linked,
              attributes(link.getAttributesList()),
              link.getAttributesCount() + link.getDroppedAttributesCount()));
    }
    return links;
  }

  private static InstrumentationScopeInfo scope(ScopeSpans scopeSpans) {
    InstrumentationScope scope = scopeSpans.getScope();
    var builder =
        InstrumentationScopeInfo.builder(scope.getName())
            .setAttributes(attributes(scope.getAttributesList()));
    if (!scope.getVersion().isEmpty()) {
      builder.setVersion(scope.getVersion());
    }
    if (!scopeSpans.getSchemaUrl().isEmpty()) {
      builder.setSchemaUrl(scopeSpans.getSchemaUrl());
    }
    return builder.build();
  }

  /**
   * OTLP attributes as the API's: strings, booleans, integers, doubles and arrays of one of them
   * keep their type; bytes become base64 text and nested maps or mixed arrays their text form,
   * since the API's attributes cannot hold them.
   */
  static Attributes attributes(List<KeyValue> keyValues) {
    AttributesBuilder builder = Attributes.builder();
    for (KeyValue keyValue : keyValues) {
      String key = keyValue.getKey();
      AnyValue value = keyValue.getValue();
      switch (value.getValueCase()) {
        case STRING_VALUE -> builder.put(key, value.getStringValue());
        case BOOL_VALUE -> builder.put(key, value.getBoolValue());
        case INT_VALUE -> builder.put(key, value.getIntValue());
        case DOUBLE_VALUE -> builder.put(key, value.getDoubleValue());
        case ARRAY_VALUE -> putArray(builder, key, value.getArrayValue().getValuesList());
        case VALUE_NOT_SET -> {
          // An empty value carries nothing to assert on.
        }
        default -> builder.put(key, text(value));
      }
    }
    return builder.build();
  }

  private static void putArray(AttributesBuilder builder, String key, List<AnyValue> values) {
    AnyValue.ValueCase common = values.isEmpty() ? AnyValue.ValueCase.STRING_VALUE : null;
    for (AnyValue value : values) {
      if (common == null) {
        common = value.getValueCase();
      } else if (common != value.getValueCase()) {
        builder.put(key, textOfArray(values));
        return;
      }
    }
    switch (common) {
      case STRING_VALUE ->
          builder.put(
              AttributeKey.stringArrayKey(key),
              values.stream().map(AnyValue::getStringValue).toList());
      case BOOL_VALUE ->
          builder.put(
              AttributeKey.booleanArrayKey(key),
              values.stream().map(AnyValue::getBoolValue).toList());
      case INT_VALUE ->
          builder.put(
              AttributeKey.longArrayKey(key), values.stream().map(AnyValue::getIntValue).toList());
      case DOUBLE_VALUE ->
          builder.put(
              AttributeKey.doubleArrayKey(key),
              values.stream().map(AnyValue::getDoubleValue).toList());
      default -> builder.put(key, textOfArray(values));
    }
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> String.valueOf(value.getBoolValue());
      case INT_VALUE -> String.valueOf(value.getIntValue());
      case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> textOfArray(value.getArrayValue().getValuesList());
      case KVLIST_VALUE -> {
        StringBuilder out = new StringBuilder("{");
        for (KeyValue entry : value.getKvlistValue().getValuesList()) {
          out.append(out.length() == 1 ? "" : ", ")
              .append(entry.getKey())
              .append('=')
              .append(text(entry.getValue()));
        }
        yield out.append('}').toString();
      }
      case VALUE_NOT_SET -> "";
    };
  }

  private static String textOfArray(List<AnyValue> values) {
    return values.stream().map(OtlpSpans::text).toList().toString();
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }

  private enum MapGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @SuppressWarnings("deprecation") // abstract before OpenTelemetry 1.68
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  }
}
