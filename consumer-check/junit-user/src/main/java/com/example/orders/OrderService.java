package com.example.orders;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/** The README's order service: a SERVER span with an inventory check and a payment call. */
public final class OrderService {

  private final Tracer tracer;

  public OrderService(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("com.example.orders");
  }

  /** Checks the stock, then takes the payment, each in a child span. */
  public void processOrder(String orderId) {
    Span order =
        tracer
            .spanBuilder("processOrder")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("order.id", orderId)
            .startSpan();
    try (Scope ignored = order.makeCurrent()) {
      tracer.spanBuilder("validateInventory").startSpan().end();
      Span payment = tracer.spanBuilder("processPayment").setSpanKind(SpanKind.CLIENT).startSpan();
      payment.addEvent("payment.authorized");
      payment.end();
      order.setStatus(StatusCode.OK);
    } finally {
      order.end();
    }
  }
}
