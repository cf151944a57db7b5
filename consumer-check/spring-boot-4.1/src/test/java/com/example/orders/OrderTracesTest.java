package com.example.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.spanproof.assertions.TraceAssertions.awaitTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.spring.AutoConfigureSpanproof;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The same application and checks as spanproof-spring's own tests, on Spring Boot 4.1 with no
 * version overridden.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSpanproof
@AutoConfigureTestRestTemplate
class OrderTracesTest {

  @Autowired TestRestTemplate http;
  @Autowired WireMockServer inventory;

  @Test
  void should_capture_one_trace_from_the_test_client_through_the_server_thread_to_the_inventory(
      CaptureSession session) {
    inventory.stubFor(get("/stock/notebook").willReturn(aResponse().withBody("12")));
    // WHEN
    String order = http.getForObject("/orders/42", String.class);
    // THEN
    assertThat(order).isEqualTo("notebook: 12");
    awaitTrace()
        .untilSpan("http get /orders/{id}")
        .hasStructure(
            span(
                "http get",
                span(
                    "http get /orders/{id}",
                    span(
                        "OrderService#process",
                        span("OrderRepository#itemOf"),
                        span("http get")))))
        .span("http get /orders/{id}")
        .hasKind(SpanKind.SERVER)
        .hasRemoteParent();
    String traceId = session.traces().get(0).traceId();
    inventory.verify(
        getRequestedFor(urlEqualTo("/stock/notebook"))
            .withHeader("traceparent", matching("00-" + traceId + "-[0-9a-f]{16}-0[13]")));
  }

  @Test
  void should_run_on_the_opentelemetry_spring_boot_manages() {
    assertThat(Resource.getDefault().getAttribute(AttributeKey.stringKey("telemetry.sdk.version")))
        .isEqualTo(System.getProperty("consumer.expectedOpenTelemetryVersion"));
  }
}
