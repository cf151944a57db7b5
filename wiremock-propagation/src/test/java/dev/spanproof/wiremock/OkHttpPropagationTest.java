package dev.spanproof.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.spanproof.wiremock.PropagationAssertions.assertThatRequestsTo;
import static dev.spanproof.wiremock.TraceContextPattern.traceContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.okhttp.v3_0.OkHttpTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.ServiceAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.io.IOException;
import java.util.List;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real HTTP through OpenTelemetry's OkHttp library instrumentation into a plain WireMockServer. */
@ExtendWith(TracingExtension.class)
class OkHttpPropagationTest {

  private final TracingStubListener tracing = TracingStubListener.create();
  private final WireMockServer inventory =
      new WireMockServer(
          options()
              .bindAddress("127.0.0.1")
              .dynamicPort()
              .extensions(tracing, new TraceContextMatcher()));

  @BeforeEach
  void startWireMock() {
    inventory.start();
    inventory.stubFor(
        get(urlPathEqualTo("/inventory"))
            .withServeEventListener(
                TracingStubListener.NAME, TracingStubListener.service("inventory-service"))
            .willReturn(ok("{\"sku\":42}").withFixedDelay(25)));
  }

  @AfterEach
  void stopWireMock() {
    inventory.stop();
  }

  @Test
  void should_join_the_stub_into_the_trace_of_the_okhttp_client_span(
      OpenTelemetry openTelemetry, CaptureSession session) throws IOException {
    // GIVEN an OkHttp client instrumented with the test's OpenTelemetry
    Call.Factory client =
        OkHttpTelemetry.create(openTelemetry).createCallFactory(new OkHttpClient());
    // WHEN it calls the stub
    try (Response response =
        client
            .newCall(new Request.Builder().url(inventory.url("/inventory?sku=42")).build())
            .execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    // THEN the trace is client span -> stub server span
    List<SpanData> spans = session.finishedSpans();
    SpanData clientSpan = only(spans, SpanKind.CLIENT);
    SpanData serverSpan = only(spans, SpanKind.SERVER);
    assertThat(clientSpan.getName()).isEqualTo("GET");
    assertThat(serverSpan.getName()).isEqualTo("GET /inventory");
    assertThat(serverSpan.getTraceId()).isEqualTo(clientSpan.getTraceId());
    assertThat(serverSpan.getParentSpanId()).isEqualTo(clientSpan.getSpanId());
    assertThat(serverSpan.getParentSpanContext().isRemote()).isTrue();
    assertThat(serverSpan.getResource().getAttribute(ServiceAttributes.SERVICE_NAME))
        .isEqualTo("inventory-service");
    assertThat(serverSpan.getInstrumentationScopeInfo().getName()).isEqualTo("spanproof-wiremock");
    assertThat(serverSpan.getEndEpochNanos() - serverSpan.getStartEpochNanos())
        .isEqualTo(25_000_000L);
    assertThat(serverSpan.getAttributes().get(HttpAttributes.HTTP_REQUEST_METHOD)).isEqualTo("GET");
    assertThat(serverSpan.getAttributes().get(HttpAttributes.HTTP_ROUTE)).isEqualTo("/inventory");
    assertThat(serverSpan.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(200L);
    assertThat(serverSpan.getAttributes().get(UrlAttributes.URL_PATH)).isEqualTo("/inventory");
    assertThat(serverSpan.getAttributes().get(UrlAttributes.URL_QUERY)).isEqualTo("sku=42");
    assertThat(serverSpan.getAttributes().get(ServerAttributes.SERVER_PORT))
        .isEqualTo((long) inventory.port());
    // AND the traceparent the stub received names the client span, with OpenTelemetry 1.68's flags
    // 03
    assertThat(tracing.receivedRequests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.headers().get("traceparent"))
                  .containsExactly(
                      "00-" + clientSpan.getTraceId() + "-" + clientSpan.getSpanId() + "-03");
              assertThat(request.serverSpan()).contains(serverSpan.getSpanContext());
              assertThat(request.propagation().problems()).isEmpty();
            });
    assertThatRequestsTo(inventory, "/inventory")
        .hasRequestCount(1)
        .eachCarriedTheContextOfItsClientSpan();
    inventory.verify(
        getRequestedFor(urlPathEqualTo("/inventory"))
            .andMatching(traceContext().sampled().childOf("GET")));
    inventory.verify(
        getRequestedFor(urlPathEqualTo("/inventory"))
            .andMatching(traceContext().childOf(clientSpan.getSpanContext())));
  }

  static SpanData only(List<SpanData> spans, SpanKind kind) {
    List<SpanData> ofKind = spans.stream().filter(span -> span.getKind() == kind).toList();
    assertThat(ofKind).as("%s spans in %s", kind, spans).hasSize(1);
    return ofKind.get(0);
  }
}
