package dev.spanproof.core;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** OTLP requests built and sent by hand, for what an exporter would never send. */
final class OtlpRequests {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private OtlpRequests() {}

  /** A request from one service with one scope holding these spans. */
  static ExportTraceServiceRequest request(String serviceName, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue(serviceName))))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("hand-made"))
                        .addAllSpans(spans)))
        .build();
  }

  /** A SERVER span named {@code name} under {@code parent}, 3 ms long. */
  static Span childOf(SpanContext parent, String name, String spanIdHex) {
    return span(name, parent.getTraceId(), spanIdHex, parent.getSpanId());
  }

  /** A SERVER span with these ids (hex; an empty parent for a root), 3 ms long. */
  static Span span(String name, String traceIdHex, String spanIdHex, String parentIdHex) {
    return Span.newBuilder()
        .setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceIdHex)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanIdHex)))
        .setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parentIdHex)))
        .setStartTimeUnixNano(1_000_000_000L)
        .setEndTimeUnixNano(1_003_000_000L)
        .build();
  }

  /** POSTs {@code body} to {@code /v1/traces} of the endpoint. */
  static HttpResponse<byte[]> post(URI endpoint, String contentType, byte[] body) {
    return send(
        HttpRequest.newBuilder(endpoint.resolve("/v1/traces"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /** POSTs {@code body}, gzipped, to {@code /v1/traces} of the endpoint. */
  static HttpResponse<byte[]> postGzipped(URI endpoint, String contentType, byte[] body) {
    return send(
        HttpRequest.newBuilder(endpoint.resolve("/v1/traces"))
            .header("Content-Type", contentType)
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body)))
            .build());
  }

  static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static ExportTraceServiceResponse protobufResponse(HttpResponse<byte[]> response) {
    try {
      return ExportTraceServiceResponse.parseFrom(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message of a protobuf {@code google.rpc.Status} body (field 2, a string). */
  static String statusMessage(HttpResponse<byte[]> response) {
    try {
      return UnknownFieldSet.parseFrom(response.body())
          .getField(2)
          .getLengthDelimitedList()
          .get(0)
          .toStringUtf8();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
