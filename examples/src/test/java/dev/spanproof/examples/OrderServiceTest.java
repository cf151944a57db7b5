package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static io.opentelemetry.api.trace.StatusCode.ERROR;
import static io.opentelemetry.api.trace.StatusCode.OK;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TracingExtension.class)
class OrderServiceTest {

  @Test
  void an_order_is_one_trace_with_inventory_and_payment_under_it(OpenTelemetry otel) {
    new OrderService(otel).processOrder(new Order("o-42", "sku-1", 2, "4111-1111"));

    assertThatTrace()
        .hasRoot("processOrder")
        .hasSpanCount(3)
        .hasStructureInOrder(
            span("processOrder", span("validateInventory"), span("processPayment")))
        .span("processOrder")
        .hasKind(SERVER)
        .hasStatus(OK)
        .hasAttribute("order.id", "o-42")
        .hasAttribute(OrderService.QUANTITY, 2L);
  }

  @Test
  void a_declined_card_is_an_error_on_payment_and_order(OpenTelemetry otel) {
    OrderService service = new OrderService(otel);

    assertThatThrownBy(() -> service.processOrder(new Order("o-43", "sku-1", 1, "0000-0000")))
        .isInstanceOf(PaymentDeclinedException.class);

    assertThatTrace()
        .span("processPayment")
        .hasKind(CLIENT)
        .hasParent("processOrder")
        .hasStatus(ERROR, "card declined")
        .hasException(PaymentDeclinedException.class, "card declined")
        .hasEventsInOrder("payment.authorizing", "exception")
        .returnToTrace()
        .span("processOrder")
        .hasStatus(ERROR, "card declined");
  }

  @Test
  void an_out_of_stock_order_never_reaches_payment(OpenTelemetry otel) {
    OrderService service = new OrderService(otel);

    assertThatThrownBy(() -> service.processOrder(new Order("o-44", "sku-2", 1, "4111-1111")))
        .hasMessage("only 0 of sku-2 in stock");

    assertThatTrace()
        .hasStructure(span("processOrder", span("validateInventory")))
        .hasNoSpanNamed("processPayment")
        .span("validateInventory")
        .hasAttribute("inventory.available", 0L)
        .hasException(IllegalStateException.class);
  }
}
