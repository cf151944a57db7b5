package dev.spanproof.junit;

import static dev.spanproof.junit.EngineRuns.failureMessages;
import static dev.spanproof.junit.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.CaptureSession;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class OtlpReceiverExtensionTest {

  static final Map<String, Object> observed = new ConcurrentHashMap<>();

  @BeforeEach
  void clearObservations() {
    observed.clear();
  }

  static class ReceivesSpans {
    @RegisterExtension
    static final TracingExtension tracing = TracingExtension.builder().otlpReceiver().build();

    @Test
    void callsAnotherService(URI otlpEndpoint, Tracer tracer, CaptureSession session)
        throws Exception {
      Span client = tracer.spanBuilder("GET /stock").setSpanKind(SpanKind.CLIENT).startSpan();
      client.end();
      // What the other service's exporter would send for its SERVER span, as OTLP/JSON
      String json =
          ("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
                  + "\"value\":{\"stringValue\":\"stock\"}}]},\"scopeSpans\":[{\"spans\":[{"
                  + "\"traceId\":\"%s\",\"spanId\":\"00f067aa0ba902b7\",\"parentSpanId\":\"%s\","
                  + "\"name\":\"GET /stock\",\"kind\":2}]}]}]}")
              .formatted(client.getSpanContext().getTraceId(), client.getSpanContext().getSpanId());
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(otlpEndpoint.resolve("/v1/traces"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(json))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      observed.put("status", response.statusCode());
      observed.put("host", otlpEndpoint.getHost());
      observed.put(
          "spans", session.finishedSpans().stream().map(SpanData::getKind).sorted().toList());
    }
  }

  @Test
  void should_inject_the_endpoint_and_attribute_received_spans_to_the_test() {
    EngineExecutionResults results = run(ReceivesSpans.class);

    assertThat(failureMessages(results.allEvents())).isEmpty();
    assertThat(observed)
        .containsEntry("status", 200)
        .containsEntry("host", "127.0.0.1")
        .containsEntry("spans", List.of(SpanKind.SERVER, SpanKind.CLIENT));
  }

  @ExtendWith(TracingExtension.class)
  static class AsksForEndpointWithoutReceiver {
    @Test
    void needsAnEndpoint(URI otlpEndpoint) {}
  }

  @Test
  void should_leave_uri_parameters_alone_without_a_receiver() {
    EngineExecutionResults results = run(AsksForEndpointWithoutReceiver.class);

    assertThat(failureMessages(results.testEvents()))
        .singleElement()
        .asString()
        // JUnit's own text, which differs between JUnit 5 and 6 after the parameter
        .startsWith("No ParameterResolver registered for parameter [java.net.URI ");
  }
}
