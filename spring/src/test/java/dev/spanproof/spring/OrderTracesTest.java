package dev.spanproof.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static dev.spanproof.assertions.TraceAssertions.awaitTrace;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.core.CaptureSession;
import dev.spanproof.spring.app.OrderApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(classes = OrderApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSpanproof
@AutoConfigureTestRestTemplate
class OrderTracesTest {

  @Autowired TestRestTemplate http;
  @Autowired WireMockServer inventory;

  @BeforeEach
  void stock() {
    inventory.stubFor(get("/stock/notebook").willReturn(aResponse().withBody("12")));
    inventory.stubFor(get("/stock/pencil").willReturn(aResponse().withBody("3")));
  }

  @Test
  void should_capture_one_trace_from_the_test_client_through_the_server_thread(
      CaptureSession session) {
    // WHEN
    http.getForObject("/orders/42", String.class);
    // THEN
    awaitTrace().untilSpan("http get /orders/{id}");
    System.out.println(dev.spanproof.core.trace.TraceRenderer.create().render(session.traces()));
  }
}
