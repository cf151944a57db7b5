package dev.spanproof.examples.checkout;

import dev.spanproof.examples.Order;
import dev.spanproof.examples.PaymentDeclinedException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.okhttp.v3_0.OkHttpTelemetry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;
import okhttp3.Call;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The order service of OpenTelemetry's distributed-tracing guides with real calls: {@code
 * processOrder} asks an inventory service over HTTP ({@code validateInventory}), then charges the
 * card at a payment service ({@code processPayment}). The HTTP calls are traced by OpenTelemetry's
 * OkHttp instrumentation, which also sends the trace context downstream.
 *
 * <p>The inventory service answers {@code GET /inventory/{sku}} with the number of items in stock
 * as plain text; the payment service answers {@code POST /payments} (a form with the {@code order}
 * and the {@code card}) with 201 when it charged the card and 402, the reason as the body, when the
 * card was declined.
 */
public final class CheckoutService {

  /** The header that lets the payment service recognise a retried charge. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
  static final AttributeKey<Long> AVAILABLE = AttributeKey.longKey("inventory.available");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("payment.attempts");
  static final AttributeKey<String> PAYMENT_KEY = AttributeKey.stringKey("payment.idempotency_key");

  private final Tracer tracer;
  private final Call.Factory inventoryHttp;
  private final Call.Factory paymentHttp;
  private final HttpUrl inventory;
  private final HttpUrl payments;
  private final PaymentPolicy paymentPolicy;

  /**
   * A checkout calling the inventory and payment services at these base URIs.
   *
   * @param openTelemetry where the spans go, and the propagators for the outgoing calls
   * @param inventory the inventory service, e.g. {@code http://127.0.0.1:8081}
   * @param payments the payment service
   * @param paymentPolicy timeout, retries and idempotency of the payment call
   */
  public CheckoutService(
      OpenTelemetry openTelemetry, URI inventory, URI payments, PaymentPolicy paymentPolicy) {
    this.tracer = openTelemetry.getTracer("dev.spanproof.examples.checkout", "1.0");
    OkHttpTelemetry telemetry = OkHttpTelemetry.create(openTelemetry);
    // Retries are the service's decision, made visible as one CLIENT span per attempt.
    OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    this.inventoryHttp = telemetry.createCallFactory(client);
    this.paymentHttp =
        telemetry.createCallFactory(
            client.newBuilder().readTimeout(paymentPolicy.timeout()).build());
    this.inventory = HttpUrl.get(inventory);
    this.payments = HttpUrl.get(payments);
    this.paymentPolicy = paymentPolicy;
  }

  /**
   * Checks stock, then charges the card.
   *
   * @return {@link OrderOutcome#CONFIRMED}, or {@link OrderOutcome#OUT_OF_STOCK} with the error on
   *     the trace
   * @throws PaymentDeclinedException when the payment service declines the card
   * @throws PaymentTimeoutException when no attempt to charge got an answer in time
   */
  public OrderOutcome processOrder(Order order) {
    Span span =
        tracer
            .spanBuilder("processOrder")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(ORDER_ID, order.id())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      if (!validateInventory(order)) {
        span.setStatus(StatusCode.ERROR, "out of stock");
        return OrderOutcome.OUT_OF_STOCK;
      }
      processPayment(order);
      return OrderOutcome.CONFIRMED;
    } catch (RuntimeException e) {
      throw recordFailure(span, e);
    } finally {
      span.end();
    }
  }

  /** Out of stock is an expected outcome, not an exception: ERROR with a description only. */
  private boolean validateInventory(Order order) {
    Span span = tracer.spanBuilder("validateInventory").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      HttpUrl url =
          inventory.newBuilder().addPathSegment("inventory").addPathSegment(order.sku()).build();
      long available;
      try (Response response =
          inventoryHttp.newCall(new Request.Builder().url(url).build()).execute()) {
        available = Long.parseLong(response.body().string().trim());
      }
      span.setAttribute(AVAILABLE, available);
      if (available < order.quantity()) {
        span.setStatus(StatusCode.ERROR, "only " + available + " of " + order.sku() + " in stock");
        return false;
      }
      return true;
    } catch (IOException e) {
      throw recordFailure(span, new UncheckedIOException(e));
    } catch (RuntimeException e) {
      throw recordFailure(span, e);
    } finally {
      span.end();
    }
  }

  private void processPayment(Order order) {
    Span span = tracer.spanBuilder("processPayment").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      String key = paymentPolicy.idempotencyKey() ? UUID.randomUUID().toString() : null;
      if (key != null) {
        span.setAttribute(PAYMENT_KEY, key);
      }
      charge(order, key, span);
    } catch (RuntimeException e) {
      throw recordFailure(span, e);
    } finally {
      span.end();
    }
  }

  /** One POST per attempt; each attempt is a CLIENT span of its own under processPayment. */
  private void charge(Order order, String idempotencyKey, Span paymentSpan) {
    RequestBody body =
        new FormBody.Builder().add("order", order.id()).add("card", order.card()).build();
    Request.Builder request =
        new Request.Builder()
            .url(payments.newBuilder().addPathSegment("payments").build())
            .post(body);
    if (idempotencyKey != null) {
      request.header(IDEMPOTENCY_KEY, idempotencyKey);
    }
    for (int attempt = 1; ; attempt++) {
      paymentSpan.setAttribute(ATTEMPTS, (long) attempt);
      try (Response response = paymentHttp.newCall(request.build()).execute()) {
        if (response.code() == 402) {
          throw new PaymentDeclinedException(response.body().string());
        }
        if (!response.isSuccessful()) {
          throw new IllegalStateException("payment service answered " + response.code());
        }
        return;
      } catch (InterruptedIOException timeout) {
        if (attempt == paymentPolicy.attempts()) {
          throw new PaymentTimeoutException(attempt, timeout);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The convention from OpenTelemetry's guides: the exception as an event, and status ERROR. */
  private static RuntimeException recordFailure(Span span, RuntimeException failure) {
    span.recordException(failure);
    span.setStatus(StatusCode.ERROR, failure.getMessage());
    return failure;
  }
}
