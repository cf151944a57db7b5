package dev.spanproof.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.awaitTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.spring.app.OrderApplication;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The application's real spans, one trace per test, on Spring Boot 4 with no overrides. */
@SpringBootTest(classes = OrderApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSpanproof
@AutoConfigureTestRestTemplate
class OrderTracesTest {

  @Autowired TestRestTemplate http;
  @Autowired WireMockServer inventory;

  @Test
  void should_capture_one_trace_from_the_test_client_through_the_server_thread_to_the_inventory() {
    Inventory.stock(inventory, "notebook", 12);
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
                        "OrderService#process", span("OrderRepository#itemOf"), span("http get")))))
        .span("http get /orders/{id}")
        .hasKind(SpanKind.SERVER)
        .hasRemoteParent()
        .hasAttribute("uri", "/orders/{id}");
  }

  @Test
  void should_propagate_the_test_trace_to_the_service_the_application_calls(
      CaptureSession session) {
    Inventory.stock(inventory, "pencil", 3);
    // WHEN
    http.getForObject("/orders/7", String.class);
    // THEN
    awaitTrace().untilSpan("http get /orders/{id}");
    String traceId = session.traces().get(0).traceId();
    inventory.verify(
        getRequestedFor(urlEqualTo("/stock/pencil"))
            .withHeader("traceparent", matching("00-" + traceId + "-[0-9a-f]{16}-0[13]")));
  }

  @Test
  void should_see_no_trace_when_the_test_makes_no_call() {
    // THEN the other tests' requests, on the same application, are not this test's
    assertThat(CaptureSession.current()).get().satisfies(s -> assertThat(s.traces()).isEmpty());
  }

  @Test
  void should_check_the_spans_of_the_test_as_they_are() {
    Inventory.stock(inventory, "notebook", 12);
    // WHEN
    http.getForObject("/orders/42", String.class);
    // THEN the server span's attributes are Micrometer's, not OpenTelemetry's conventions
    awaitTrace().untilSpan("http get /orders/{id}");
    assertThatTrace()
        .span("http get /orders/{id}")
        .hasAttribute("method", "GET")
        .hasAttribute("status", "200")
        .hasAttribute("outcome", "SUCCESS");
  }
}
