package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static io.opentelemetry.api.trace.StatusCode.ERROR;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.junit.SpanPolicy;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Strict assertion mode (docs/strict-mode.md): a test fails when its code produced a span that no
 * assertion touched, so a new span in {@link OrderService} shows up in every test that never
 * expected it.
 */
class StrictAssertionsTest {

  @RegisterExtension
  static final TracingExtension tracing =
      TracingExtension.builder().unassertedSpans(SpanPolicy.FAIL).build();

  @Test
  void a_declined_card_accounts_for_every_span(OpenTelemetry otel) {
    OrderService service = new OrderService(otel);

    assertThatThrownBy(() -> service.processOrder(new Order("o-43", "sku-1", 1, "0000-0000")))
        .isInstanceOf(PaymentDeclinedException.class);

    // hasStructure names all three spans; asserting only processPayment would leave
    // processOrder and validateInventory unasserted, and the test would fail listing them.
    assertThatTrace()
        .hasStructure(span("processOrder", span("validateInventory"), span("processPayment")))
        .span("processPayment")
        .hasStatus(ERROR, "card declined");
  }
}
