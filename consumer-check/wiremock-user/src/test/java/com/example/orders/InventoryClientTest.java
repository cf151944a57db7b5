package com.example.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.wiremock.PropagationAssertions.assertThatRequestsTo;
import static dev.spanproof.wiremock.TraceContextPattern.traceContext;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spanproof.junit.TracingExtension;
import dev.spanproof.wiremock.TraceContextMatcher;
import dev.spanproof.wiremock.TracingStubListener;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docs/wiremock.md's setup: the stubbed service joins the client's trace. */
@ExtendWith(TracingExtension.class)
class InventoryClientTest {

  static final TracingStubListener TRACING = TracingStubListener.create();
  static final WireMockServer INVENTORY =
      new WireMockServer(
          options()
              .bindAddress("127.0.0.1")
              .dynamicPort()
              .extensions(TRACING, new TraceContextMatcher()));

  @BeforeAll
  static void startInventory() {
    INVENTORY.start();
  }

  @AfterAll
  static void stopInventory() {
    INVENTORY.stop();
  }

  @Test
  void the_client_propagates_its_context_to_the_inventory_service(OpenTelemetry otel)
      throws Exception {
    INVENTORY.stubFor(
        get(urlPathEqualTo("/stock/sku-1"))
            .withServeEventListener(
                TracingStubListener.NAME, TracingStubListener.service("inventory-service"))
            .willReturn(okJson("{\"available\": 3}")));

    String stock = new InventoryClient(otel, URI.create(INVENTORY.baseUrl())).stockOf("sku-1");

    assertThat(stock).isEqualTo("{\"available\": 3}");
    assertThatRequestsTo(INVENTORY, "/stock/sku-1")
        .hasRequestCount(1)
        .eachCarriedTheContextOfItsClientSpan()
        .eachMatches(traceContext().sampled().childOf("GET /stock"));
    assertThatTrace()
        .hasRoot("GET /stock")
        .hasSpanCount(2)
        .span("GET /stock")
        .child("GET /stock/sku-1")
        .hasKind(SERVER);
  }
}
