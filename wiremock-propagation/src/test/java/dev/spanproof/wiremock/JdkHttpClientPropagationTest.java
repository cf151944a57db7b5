package dev.spanproof.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.spanproof.wiremock.OkHttpPropagationTest.only;
import static dev.spanproof.wiremock.PropagationAssertions.assertThatRequestsTo;
import static dev.spanproof.wiremock.TraceContextPattern.traceContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.SubEvent;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServiceAttributes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDK HttpClient with a hand-written CLIENT span, against WireMock's own JUnit 5 extension with
 * the listener applied to all stubs.
 */
@ExtendWith(TracingExtension.class)
class JdkHttpClientPropagationTest {

  static final TracingStubListener TRACING = TracingStubListener.forAllStubs("inventory-service");

  @RegisterExtension
  static final WireMockExtension INVENTORY =
      WireMockExtension.newInstance()
          .options(
              wireMockConfig()
                  .bindAddress("127.0.0.1")
                  .dynamicPort()
                  .extensions(TRACING, new TraceContextMatcher()))
          .build();

  @BeforeEach
  void forgetEarlierRequests() {
    TRACING.reset();
  }

  @Test
  void should_join_the_stub_into_the_trace_of_a_hand_written_client_span(
      OpenTelemetry openTelemetry, CaptureSession session) {
    // GIVEN
    INVENTORY.stubFor(get("/inventory").willReturn(ok().withFixedDelay(10)));
    // WHEN
    int status = new JdkClient(openTelemetry).get(INVENTORY.url("/inventory"));
    // THEN
    assertThat(status).isEqualTo(200);
    List<SpanData> spans = session.finishedSpans();
    SpanData client = only(spans, SpanKind.CLIENT);
    SpanData server = only(spans, SpanKind.SERVER);
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(server.getTraceId()).isEqualTo(client.getTraceId());
    assertThat(server.getResource().getAttribute(ServiceAttributes.SERVICE_NAME))
        .isEqualTo("inventory-service");
    assertThat(server.getEndEpochNanos() - server.getStartEpochNanos()).isEqualTo(10_000_000L);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(TRACING.receivedRequests())
        .singleElement()
        .satisfies(
            request ->
                assertThat(request.headers().get("traceparent"))
                    .containsExactly(
                        "00-" + client.getTraceId() + "-" + client.getSpanId() + "-03"));
    assertThatRequestsTo(INVENTORY, "/inventory")
        .eachCarriedTheContextOfItsClientSpan()
        .eachMatches(traceContext().sampled().childOf("GET").childOf(client.getSpanContext()));
  }

  @Test
  void should_mark_the_server_span_as_error_for_a_5xx(
      OpenTelemetry openTelemetry, CaptureSession session) {
    // GIVEN
    INVENTORY.stubFor(get("/inventory").willReturn(serverError()));
    // WHEN
    new JdkClient(openTelemetry).get(INVENTORY.url("/inventory"));
    // THEN
    SpanData server = only(session.finishedSpans(), SpanKind.SERVER);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(server.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE))
        .isEqualTo(500L);
    assertThat(server.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo("500");
  }

  @Test
  void should_record_a_fault_as_an_error_event(
      OpenTelemetry openTelemetry, CaptureSession session) {
    // GIVEN
    INVENTORY.stubFor(
        get("/inventory").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    // WHEN
    int status = new JdkClient(openTelemetry).get(INVENTORY.url("/inventory"));
    // THEN
    assertThat(status).isEqualTo(-1);
    // The JDK client retries a GET whose connection was reset, so the stub may serve it twice.
    List<SpanData> servers =
        session.finishedSpans().stream().filter(span -> span.getKind() == SpanKind.SERVER).toList();
    assertThat(servers)
        .isNotEmpty()
        .allSatisfy(
            server -> {
              assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
              assertThat(server.getStatus().getDescription())
                  .isEqualTo("WireMock fault CONNECTION_RESET_BY_PEER: the connection was reset");
              assertThat(server.getEvents())
                  .extracting(EventData::getName)
                  .containsExactly(TracingStubListener.FAULT_EVENT);
              assertThat(server.getEvents().get(0).getAttributes().get(ErrorAttributes.ERROR_TYPE))
                  .isEqualTo("CONNECTION_RESET_BY_PEER");
              assertThat(server.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE))
                  .isNull();
            });
  }

  @Test
  void should_trace_two_wiremock_servers_in_one_test(
      OpenTelemetry openTelemetry, CaptureSession session) {
    // GIVEN a second server with its own listener, as a plain WireMockServer
    TracingStubListener pricingTracing = TracingStubListener.create();
    WireMockServer pricing =
        new WireMockServer(
            options().bindAddress("127.0.0.1").dynamicPort().extensions(pricingTracing));
    pricing.start();
    try {
      pricing.stubFor(
          get(urlPathEqualTo("/prices"))
              .withServeEventListener(
                  TracingStubListener.NAME, TracingStubListener.service("pricing-service"))
              .willReturn(ok()));
      INVENTORY.stubFor(get("/inventory").willReturn(ok()));
      JdkClient client = new JdkClient(openTelemetry);
      // WHEN
      client.get(INVENTORY.url("/inventory"));
      client.get(pricing.url("/prices"));
      // THEN
      List<SpanData> servers =
          session.finishedSpans().stream()
              .filter(span -> span.getKind() == SpanKind.SERVER)
              .toList();
      assertThat(servers)
          .extracting(span -> span.getResource().getAttribute(ServiceAttributes.SERVICE_NAME))
          .containsExactly("inventory-service", "pricing-service");
      assertThat(TRACING.receivedRequests()).hasSize(1);
      assertThat(pricingTracing.receivedRequests()).hasSize(1);
      assertThatRequestsTo(INVENTORY, "/inventory").eachCarriedTheContextOfItsClientSpan();
      assertThatRequestsTo(pricing, "/prices").eachCarriedTheContextOfItsClientSpan();
    } finally {
      pricing.stop();
    }
  }

  @Test
  void should_explain_a_stub_near_miss_with_the_trace_context_problem(OpenTelemetry openTelemetry)
      throws Exception {
    // GIVEN a stub that only answers unsampled requests
    INVENTORY.stubFor(get("/inventory").andMatching(traceContext().notSampled()).willReturn(ok()));
    // WHEN a sampled request arrives
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(INVENTORY.url("/inventory")));
    request.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03");
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request.build(), HttpResponse.BodyHandlers.ofString());
    // THEN WireMock's near-miss report names the problem
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .contains(
            "traceparent: trace-flags \"03\" set the sampled bit (0x01), but the request should not be sampled");
  }

  @Test
  void should_report_a_request_whose_trace_no_test_owns() throws IOException, InterruptedException {
    // GIVEN
    INVENTORY.stubFor(get("/inventory").willReturn(ok()));
    // WHEN a request continues a trace that no test started
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(INVENTORY.url("/inventory")))
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .build();
    HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(request, HttpResponse.BodyHandlers.discarding());
    // THEN it is reported by the listener and in WireMock's request journal
    String expected =
        "GET /inventory (as inventory-service) belongs to trace 4bf92f3577b34da6a3ce929d0e0e4736,"
            + " which no open test session started";
    assertThat(TRACING.unownedRequests())
        .extracting(ReceivedRequest::describe)
        .containsExactly(expected);
    assertThat(INVENTORY.getAllServeEvents().get(0).getSubEvents())
        .extracting(SubEvent::getType, event -> event.getData().get("message"))
        .contains(org.assertj.core.groups.Tuple.tuple(SubEvent.WARNING, "spanproof: " + expected));
  }
}
