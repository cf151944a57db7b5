package dev.spanproof.examples.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.created;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static dev.spanproof.wiremock.PropagationAssertions.assertThatRequestsTo;
import static io.opentelemetry.api.trace.StatusCode.ERROR;
import static io.opentelemetry.api.trace.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.spanproof.examples.Order;
import dev.spanproof.junit.SpanPolicy;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.resources.Resource;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The timeout cascade of OpenTelemetry's guides: the payment service answers after the checkout has
 * stopped waiting. The trace shows the timed-out call and the retry; a retry without an idempotency
 * key charges the card twice, one with the key lets the payment service charge once.
 */
class PaymentTimeoutTest {

  @RegisterExtension
  static final TracingExtension tracing =
      TracingExtension.builder()
          .resource(Resource.builder().put("service.name", "checkout").build())
          .lintAfterEachTest(SpanPolicy.FAIL)
          .semanticConventionsAfterEachTest(SpanPolicy.FAIL)
          .build();

  /** The checkout waits this long per attempt; the slow payment takes twice as long. */
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  private static final int SLOW = 600;

  @RegisterExtension static final WireMockExtension INVENTORY = StubbedService.named("inventory");

  @RegisterExtension static final WireMockExtension PAYMENTS = StubbedService.named("payments");

  @BeforeEach
  void stockIsThere() {
    INVENTORY.stubFor(get("/inventory/sku-1").willReturn(ok("10")));
  }

  /** The first charge is slow, the next ones are quick: a payment service under a load spike. */
  private static void firstChargeIsSlow() {
    PAYMENTS.stubFor(
        post("/payments")
            .inScenario("load spike")
            .whenScenarioStateIs(STARTED)
            .willReturn(created().withFixedDelay(SLOW))
            .willSetStateTo("recovered"));
    PAYMENTS.stubFor(
        post("/payments")
            .inScenario("load spike")
            .whenScenarioStateIs("recovered")
            .willReturn(created()));
  }

  private static CheckoutService checkout(OpenTelemetry otel, PaymentPolicy policy) {
    return new CheckoutService(
        otel, StubbedService.baseUri(INVENTORY), StubbedService.baseUri(PAYMENTS), policy);
  }

  @Test
  void a_payment_slower_than_the_timeout_fails_the_order(OpenTelemetry otel) {
    firstChargeIsSlow();
    CheckoutService checkout = checkout(otel, PaymentPolicy.once(TIMEOUT));

    assertThatThrownBy(() -> checkout.processOrder(new Order("o-50", "sku-1", 1, "4111")))
        .isInstanceOf(PaymentTimeoutException.class)
        .hasMessage("payment timed out after 1 attempt");

    assertThatTrace()
        .span("processPayment")
        .hasStatus(ERROR, "payment timed out after 1 attempt")
        .hasException(PaymentTimeoutException.class)
        .child("POST")
        .hasStatus(ERROR)
        .hasException(SocketTimeoutException.class)
        .hasAttribute("error.type", SocketTimeoutException.class.getName())
        .returnToTrace()
        .span("processOrder")
        .hasStatus(ERROR, "payment timed out after 1 attempt");
  }

  @Test
  void a_retry_without_idempotency_key_charges_twice(OpenTelemetry otel) {
    firstChargeIsSlow();

    checkout(otel, PaymentPolicy.retrying(TIMEOUT, 2))
        .processOrder(new Order("o-51", "sku-1", 1, "4111"));

    assertThatTrace()
        .hasStructureInOrder(
            span(
                "processOrder",
                span("validateInventory", span("GET", span("GET /inventory/sku-1"))),
                span(
                    "processPayment",
                    span("POST", span("POST /payments")),
                    span("POST", span("POST /payments")))))
        .span("processPayment")
        .hasStatus(UNSET)
        .hasAttribute("payment.attempts", 2L)
        .child("POST", 0)
        .hasStatus(ERROR)
        .hasException(SocketTimeoutException.class)
        .returnToTrace()
        .span("processPayment")
        .child("POST", 1)
        .hasStatus(UNSET)
        .hasAttribute("http.response.status_code", 201L);
    // Both charges reached the payment service, and nothing tells it they are one payment.
    assertThatRequestsTo(PAYMENTS, "/payments")
        .hasRequestCount(2)
        .eachCarriedTheContextOfItsClientSpan();
    assertThat(PAYMENTS.findAll(postRequestedFor(urlEqualTo("/payments"))))
        .allSatisfy(
            charge -> assertThat(charge.containsHeader(CheckoutService.IDEMPOTENCY_KEY)).isFalse());
  }

  @Test
  void the_retry_repeats_the_idempotency_key_so_the_card_is_charged_once(OpenTelemetry otel) {
    firstChargeIsSlow();
    PaymentPolicy policy = PaymentPolicy.retrying(TIMEOUT, 2).withIdempotencyKey();

    checkout(otel, policy).processOrder(new Order("o-52", "sku-1", 1, "4111"));

    List<LoggedRequest> charges = PAYMENTS.findAll(postRequestedFor(urlEqualTo("/payments")));
    assertThat(charges).hasSize(2);
    String key = charges.get(0).getHeader(CheckoutService.IDEMPOTENCY_KEY);
    assertThat(key).isNotBlank();
    PAYMENTS.verify(
        2,
        postRequestedFor(urlEqualTo("/payments"))
            .withHeader(CheckoutService.IDEMPOTENCY_KEY, equalTo(key)));
    assertThatTrace()
        .span("processPayment")
        .hasAttribute("payment.idempotency_key", key)
        .hasChildrenInOrder("POST", "POST")
        .child("POST", 0)
        .hasException(SocketTimeoutException.class);
  }
}
