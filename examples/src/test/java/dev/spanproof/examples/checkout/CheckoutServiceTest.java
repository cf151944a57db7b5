package dev.spanproof.examples.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.created;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static dev.spanproof.wiremock.PropagationAssertions.assertThatRequestsTo;
import static dev.spanproof.wiremock.TraceContextPattern.traceContext;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static io.opentelemetry.api.trace.StatusCode.ERROR;
import static io.opentelemetry.api.trace.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.spanproof.examples.Order;
import dev.spanproof.examples.PaymentDeclinedException;
import dev.spanproof.junit.SpanPolicy;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The order service of OpenTelemetry's guides calling real HTTP services: inventory and payment
 * stubbed by WireMock, which join the trace as SERVER spans of their own services.
 */
class CheckoutServiceTest {

  /** The service's own name on its spans; lint and semantic conventions checked after each test. */
  @RegisterExtension
  static final TracingExtension tracing =
      TracingExtension.builder()
          .resource(Resource.builder().put("service.name", "checkout").build())
          .lintAfterEachTest(SpanPolicy.FAIL)
          .semanticConventionsAfterEachTest(SpanPolicy.FAIL)
          .build();

  @RegisterExtension static final WireMockExtension INVENTORY = StubbedService.named("inventory");

  @RegisterExtension static final WireMockExtension PAYMENTS = StubbedService.named("payments");

  private static CheckoutService checkout(OpenTelemetry otel) {
    return new CheckoutService(
        otel,
        StubbedService.baseUri(INVENTORY),
        StubbedService.baseUri(PAYMENTS),
        PaymentPolicy.once(Duration.ofSeconds(5)));
  }

  @Test
  void an_order_calls_inventory_and_payment_in_one_trace(OpenTelemetry otel) {
    INVENTORY.stubFor(get("/inventory/sku-1").willReturn(ok("10")));
    PAYMENTS.stubFor(post("/payments").willReturn(created()));

    OrderOutcome outcome = checkout(otel).processOrder(new Order("o-42", "sku-1", 2, "4111"));

    assertThat(outcome).isEqualTo(OrderOutcome.CONFIRMED);
    assertThatTrace()
        .hasStructureInOrder(
            span(
                "processOrder",
                span("validateInventory", span("GET", span("GET /inventory/sku-1"))),
                span("processPayment", span("POST", span("POST /payments")))))
        .span("validateInventory")
        .hasAttribute("inventory.available", 10L)
        .child("GET")
        .hasKind(CLIENT)
        .conformsToSemanticConventions()
        .child("GET /inventory/sku-1")
        .hasKind(SERVER)
        .hasResourceAttribute(AttributeKey.stringKey("service.name"), "inventory")
        .conformsToSemanticConventions();
  }

  @Test
  void each_service_received_the_context_of_the_client_span_that_called_it(OpenTelemetry otel) {
    INVENTORY.stubFor(get("/inventory/sku-1").willReturn(ok("10")));
    PAYMENTS.stubFor(post("/payments").willReturn(created()));

    checkout(otel).processOrder(new Order("o-42", "sku-1", 2, "4111"));

    assertThatRequestsTo(INVENTORY, "/inventory/sku-1")
        .hasRequestCount(1)
        .eachCarriedTheContextOfItsClientSpan()
        .eachMatches(traceContext().sampled().childOf("GET"));
    assertThatRequestsTo(PAYMENTS, "/payments")
        .hasRequestCount(1)
        .eachCarriedTheContextOfItsClientSpan()
        .eachMatches(traceContext().sampled().childOf("POST"));
  }

  @Test
  void a_declined_card_is_an_exception_and_an_error(OpenTelemetry otel) {
    INVENTORY.stubFor(get("/inventory/sku-1").willReturn(ok("10")));
    PAYMENTS.stubFor(
        post("/payments")
            .withFormParam("card", equalTo("0000"))
            .willReturn(aResponse().withStatus(402).withBody("card declined")));
    CheckoutService checkout = checkout(otel);

    assertThatThrownBy(() -> checkout.processOrder(new Order("o-43", "sku-1", 1, "0000")))
        .isInstanceOf(PaymentDeclinedException.class)
        .hasMessage("card declined");

    assertThatTrace()
        .span("processPayment")
        .hasStatus(ERROR, "card declined")
        .hasException(PaymentDeclinedException.class, "card declined")
        .child("POST")
        .hasStatus(ERROR)
        .hasAttribute("http.response.status_code", 402L)
        .hasAttribute("error.type", "402")
        .returnToTrace()
        .span("processOrder")
        .hasStatus(ERROR, "card declined")
        .hasException(PaymentDeclinedException.class);
  }

  @Test
  void out_of_stock_is_an_error_with_a_description_and_no_payment(OpenTelemetry otel) {
    INVENTORY.stubFor(get("/inventory/sku-2").willReturn(ok("0")));

    OrderOutcome outcome = checkout(otel).processOrder(new Order("o-44", "sku-2", 1, "4111"));

    assertThat(outcome).isEqualTo(OrderOutcome.OUT_OF_STOCK);
    assertThatTrace()
        .hasNoSpanNamed("processPayment")
        .passesLint()
        .span("validateInventory")
        .hasStatus(ERROR, "only 0 of sku-2 in stock")
        .hasNoException()
        .child("GET")
        .hasStatus(UNSET)
        .returnToTrace()
        .span("processOrder")
        .hasStatus(ERROR, "out of stock");
    assertThatRequestsTo(PAYMENTS, "/payments").hasRequestCount(0);
  }
}
