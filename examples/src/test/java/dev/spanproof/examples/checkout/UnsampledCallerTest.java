package dev.spanproof.examples.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.created;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.spanproof.assertions.TraceAssertions.assertThatSamplingDecisions;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.spanproof.core.propagation.TraceContext;
import dev.spanproof.core.propagation.TraceContextValidation;
import dev.spanproof.examples.Order;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Head sampling across services: with {@code ParentBased(TraceIdRatioBased)}, a caller that did not
 * sample decides for the checkout, and the checkout tells the services it calls.
 */
class UnsampledCallerTest {

  @RegisterExtension
  static final TracingExtension tracing =
      TracingExtension.builder()
          .sampler(Sampler.parentBased(Sampler.traceIdRatioBased(0.25)))
          .build();

  @RegisterExtension static final WireMockExtension INVENTORY = StubbedService.named("inventory");

  @RegisterExtension static final WireMockExtension PAYMENTS = StubbedService.named("payments");

  @Test
  void the_callers_decision_not_to_sample_reaches_every_service(OpenTelemetry otel) {
    INVENTORY.stubFor(get("/inventory/sku-1").willReturn(ok("10")));
    PAYMENTS.stubFor(post("/payments").willReturn(created()));
    CheckoutService checkout =
        new CheckoutService(
            otel,
            StubbedService.baseUri(INVENTORY),
            StubbedService.baseUri(PAYMENTS),
            PaymentPolicy.once(Duration.ofSeconds(5)));
    // What the checkout's server extracts from a caller's traceparent with flags 00.
    SpanContext caller =
        SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            TraceFlags.getDefault(),
            TraceState.getDefault());

    try (Scope ignored = Context.current().with(Span.wrap(caller)).makeCurrent()) {
      checkout.processOrder(new Order("o-53", "sku-1", 1, "4111"));
    }

    assertThatSamplingDecisions()
        .spanWasDropped("processOrder")
        .spanWasDropped("processPayment")
        .everyRemoteParentWasHonoured()
        .everyChildFollowedItsParent();
    List<LoggedRequest> stock = INVENTORY.findAll(getRequestedFor(urlEqualTo("/inventory/sku-1")));
    assertThat(stock).hasSize(1);
    TraceContextValidation sent =
        TraceContext.validate(
            Map.of("traceparent", List.of(stock.get(0).getHeader("traceparent"))));
    assertThat(sent.isValid()).isTrue();
    assertThat(sent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(sent.isSampled()).isFalse();
  }
}
