package dev.spanproof.wiremock;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The JDK's HttpClient instrumented by hand, the way users trace a client without library
 * instrumentation: a CLIENT span, and the context injected into the request through a setter.
 */
final class JdkClient {

  /** Writes injected headers into the request being built. */
  static final TextMapSetter<HttpRequest.Builder> SETTER = HttpRequest.Builder::header;

  /** HTTP/1.1 so that the JDK does not try an h2c upgrade. */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;

  JdkClient(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("jdk-http-client");
  }

  /** A traced GET that injects the client span's context: the correct client. */
  int get(String url) {
    return get(
        url,
        (request, injected) ->
            openTelemetry
                .getPropagators()
                .getTextMapPropagator()
                .inject(Context.current(), request, SETTER));
  }

  /**
   * A traced GET whose headers are written by {@code writeHeaders}, given what a correct client
   * would inject: how a broken client is simulated. Returns the status, or -1 when the connection
   * broke.
   */
  int get(String url, BiConsumer<HttpRequest.Builder, Map<String, String>> writeHeaders) {
    Span span = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      Map<String, String> injected = new LinkedHashMap<>();
      openTelemetry
          .getPropagators()
          .getTextMapPropagator()
          .inject(Context.current(), injected, Map::put);
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
      writeHeaders.accept(request, injected);
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
      return response.statusCode();
    } catch (IOException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      span.end();
    }
  }
}
