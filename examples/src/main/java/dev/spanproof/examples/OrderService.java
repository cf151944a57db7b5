package dev.spanproof.examples;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service from OpenTelemetry's manual-instrumentation guides: {@code processOrder} with {@code
 * validateInventory} and {@code processPayment} children, errors recorded with {@code
 * recordException} and status ERROR.
 */
public final class OrderService {

  static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
  static final AttributeKey<Long> QUANTITY = AttributeKey.longKey("order.quantity");

  private final Tracer tracer;
  private final Map<String, Integer> stock =
      new ConcurrentHashMap<>(Map.of("sku-1", 10, "sku-2", 0));

  public OrderService(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.spanproof.examples.orders", "1.0");
  }

  /** Validates stock, takes payment; throws when either fails, with the error on the trace. */
  public void processOrder(Order order) {
    Span span =
        tracer
            .spanBuilder("processOrder")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(ORDER_ID, order.id())
            .setAttribute(QUANTITY, (long) order.quantity())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      validateInventory(order);
      processPayment(order);
      span.setStatus(StatusCode.OK);
    } catch (RuntimeException e) {
      throw recordFailure(span, e);
    } finally {
      span.end();
    }
  }

  private void validateInventory(Order order) {
    Span span = tracer.spanBuilder("validateInventory").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      int available = stock.getOrDefault(order.sku(), 0);
      span.setAttribute("inventory.available", available);
      if (available < order.quantity()) {
        throw new IllegalStateException("only " + available + " of " + order.sku() + " in stock");
      }
    } catch (RuntimeException e) {
      throw recordFailure(span, e);
    } finally {
      span.end();
    }
  }

  private void processPayment(Order order) {
    Span span = tracer.spanBuilder("processPayment").setSpanKind(SpanKind.CLIENT).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      span.addEvent("payment.authorizing");
      if (order.card().startsWith("0000")) {
        throw new PaymentDeclinedException("card declined");
      }
      span.addEvent("payment.authorized");
    } catch (RuntimeException e) {
      throw recordFailure(span, e);
    } finally {
      span.end();
    }
  }

  /** The convention from OpenTelemetry's guides: the exception as an event, and status ERROR. */
  private static RuntimeException recordFailure(Span span, RuntimeException failure) {
    span.recordException(failure);
    span.setStatus(StatusCode.ERROR, failure.getMessage());
    return failure;
  }
}
