package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.ManualClock;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A span another process exported to the extension's OTLP receiver, asserted on like a local one:
 * it sits under the test's client span, and failure messages draw each span's service.
 */
class OtlpReceiverIntegration_Test {

  private static final ManualClock clock =
      ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));

  @RegisterExtension
  static final TracingExtension tracing =
      TracingExtension.builder()
          .otlpReceiver()
          .resource(Resource.builder().put("service.name", "orders").build())
          .harness(harness -> harness.clock(clock).idGenerator(new TestTraces.SequentialIds()))
          .build();

  @Test
  void should_assert_on_a_span_of_another_service_under_the_client_span(
      Tracer tracer, URI otlpEndpoint) throws Exception {
    // GIVEN the test calls the inventory service with a CLIENT span
    Span checkout = tracer.spanBuilder("checkout").startSpan();
    Span call;
    try (Scope ignored = checkout.makeCurrent()) {
      clock.advance(Duration.ofMillis(1));
      call = tracer.spanBuilder("GET /inventory").setSpanKind(SpanKind.CLIENT).startSpan();
    }
    // WHEN the inventory service exports its SERVER span, as its OTLP/JSON exporter would
    long serverStart = clock.now() + 2_000_000;
    String json =
        """
        {"resourceSpans": [{
          "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "inventory"}}]},
          "scopeSpans": [{"scope": {"name": "http"}, "spans": [{
            "traceId": "%s", "spanId": "00f067aa0ba902b7", "parentSpanId": "%s",
            "name": "GET /inventory/{sku}", "kind": 2,
            "startTimeUnixNano": "%d", "endTimeUnixNano": "%d"
          }]}]
        }]}
        """
            .formatted(
                call.getSpanContext().getTraceId(),
                call.getSpanContext().getSpanId(),
                serverStart,
                serverStart + 3_000_000);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(otlpEndpoint.resolve("/v1/traces"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    clock.advance(Duration.ofMillis(9));
    call.end();
    clock.advance(Duration.ofMillis(1));
    checkout.end();
    // THEN
    assertThat(response.statusCode()).isEqualTo(200);
    assertThatTrace()
        .hasSpanCount(3)
        .span("GET /inventory/{sku}")
        .hasKind(SpanKind.SERVER)
        .hasParent("GET /inventory");
    assertThatThrownBy(
            () -> assertThatTrace().span("GET /inventory/{sku}").hasStatus(StatusCode.ERROR))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [GET /inventory/{sku}] to have the status:
              ERROR
            but it has:
              UNSET

            trace 00000000000000000000000000000001 (3 spans, 11.0 ms)
            └─ checkout [INTERNAL, orders, UNSET, 11.0 ms]
               └─ GET /inventory [CLIENT, orders, UNSET, 9.00 ms]
                  └─ GET /inventory/{sku} [SERVER, inventory, UNSET, 3.00 ms]  <-- expected status ERROR""");
  }
}
