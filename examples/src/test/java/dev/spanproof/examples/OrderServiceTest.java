package dev.spanproof.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TracingExtension.class)
class OrderServiceTest {

  @Test
  void an_order_is_one_trace_with_inventory_and_payment_under_it(OpenTelemetry otel, CaptureSession spans) {
    new OrderService(otel).processOrder(new Order("o-42", "sku-1", 2, "4111-1111"));

    assertThat(spans.traces()).singleElement().satisfies(trace -> {
      SpanNode root = trace.roots().get(0);
      assertThat(root.name()).isEqualTo("processOrder");
      assertThat(root.span().getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
      assertThat(root.children()).extracting(SpanNode::name)
          .containsExactly("validateInventory", "processPayment");
      assertThat(trace.spanCount()).isEqualTo(3);
    });
  }

  @Test
  void a_declined_card_is_an_error_on_payment_and_order(OpenTelemetry otel, CaptureSession spans) {
    OrderService service = new OrderService(otel);

    assertThatThrownBy(() -> service.processOrder(new Order("o-43", "sku-1", 1, "0000-0000")))
        .isInstanceOf(PaymentDeclinedException.class);

    Trace trace = spans.traces().get(0);
    SpanNode payment = trace.spansNamed("processPayment").get(0);
    assertThat(payment.span().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(payment.span().getStatus().getDescription()).isEqualTo("card declined");
    assertThat(payment.span().getEvents()).extracting(EventData::getName)
        .containsExactly("payment.authorizing", "exception");
    assertThat(trace.roots().get(0).span().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void an_out_of_stock_order_never_reaches_payment(OpenTelemetry otel, CaptureSession spans) {
    OrderService service = new OrderService(otel);

    assertThatThrownBy(() -> service.processOrder(new Order("o-44", "sku-2", 1, "4111-1111")))
        .hasMessage("only 0 of sku-2 in stock");

    Trace trace = spans.traces().get(0);
    assertThat(trace.spans()).extracting(SpanNode::name).containsExactly("processOrder", "validateInventory");
  }
}
