package dev.spanproof.examples.events;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Order events through an in-process queue, traced as OpenTelemetry's messaging conventions
 * describe: the producer's {@code publish orders} span (PRODUCER) injects its context and baggage
 * into the message headers; the consumer extracts them and starts {@code process orders} (CONSUMER)
 * as a new trace that links to the producer's span, with the producer's baggage current while it
 * handles the message.
 */
public final class OrderEvents {

  /** The queue's name, as {@code messaging.destination.name}. */
  public static final String DESTINATION = "orders";

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> DESTINATION_NAME =
      AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<String> TENANT = AttributeKey.stringKey("tenant.id");

  private static final TextMapGetter<Map<String, String>> HEADERS =
      new TextMapGetter<>() {
        @SuppressWarnings("deprecation") // abstract before OpenTelemetry 1.68
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final Queue<Message> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong messageIds = new AtomicLong();

  /** A queue traced through {@code openTelemetry}, whose propagators write and read the headers. */
  public OrderEvents(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.spanproof.examples.events", "1.0");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  /** Publishes {@code body} with the current trace context and baggage in its headers. */
  public void publish(String body) {
    String id = Long.toString(messageIds.incrementAndGet());
    Span span =
        messagingSpan("publish", SpanKind.PRODUCER, "send")
            .setAttribute(MESSAGE_ID, id)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      Map<String, String> headers = new HashMap<>();
      propagator.inject(Context.current(), headers, Map::put);
      queue.add(new Message(headers, body));
    } finally {
      span.end();
    }
  }

  /**
   * Takes the next message, if any, and hands its body to {@code handler} inside a {@code process
   * orders} span: a trace of its own, linked to the producer's span, with the producer's baggage
   * current (and its {@code tenant.id} on the span).
   *
   * @return whether there was a message
   */
  public boolean processNext(Consumer<String> handler) {
    Message message = queue.poll();
    if (message == null) {
      return false;
    }
    Context sent = propagator.extract(Context.root(), message.headers(), HEADERS);
    SpanContext producer = Span.fromContext(sent).getSpanContext();
    Baggage baggage = Baggage.fromContext(sent);
    SpanBuilder builder = messagingSpan("process", SpanKind.CONSUMER, "process").setNoParent();
    if (producer.isValid()) {
      builder.addLink(producer);
    }
    Optional.ofNullable(baggage.getEntryValue(TENANT.getKey()))
        .ifPresent(tenant -> builder.setAttribute(TENANT, tenant));
    Span span = builder.startSpan();
    try (Scope spanScope = span.makeCurrent();
        Scope baggageScope = baggage.makeCurrent()) {
      handler.accept(message.body());
    } finally {
      span.end();
    }
    return true;
  }

  private SpanBuilder messagingSpan(String operation, SpanKind kind, String operationType) {
    return tracer
        .spanBuilder(operation + " " + DESTINATION)
        .setSpanKind(kind)
        .setAttribute(SYSTEM, "in-process")
        .setAttribute(DESTINATION_NAME, DESTINATION)
        .setAttribute(OPERATION_NAME, operation)
        .setAttribute(OPERATION_TYPE, operationType);
  }
}
