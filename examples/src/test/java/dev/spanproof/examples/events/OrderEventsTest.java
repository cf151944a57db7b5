package dev.spanproof.examples.events;

import static dev.spanproof.assertions.TraceAssertions.assertThatTraces;
import static dev.spanproof.assertions.TraceAssertions.span;
import static io.opentelemetry.api.trace.SpanKind.CONSUMER;
import static io.opentelemetry.api.trace.SpanKind.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An order event through a queue, as OpenTelemetry's messaging conventions trace it: the consumer
 * starts a trace of its own that links to the producer's, and the producer's baggage reaches it.
 */
@ExtendWith(TracingExtension.class)
class OrderEventsTest {

  /** Places an order for tenant {@code acme} and publishes its event. */
  private static void placeOrder(Tracer tracer, OrderEvents events) {
    Span checkout = tracer.spanBuilder("checkout").startSpan();
    try (Scope ignored = checkout.makeCurrent();
        Scope tenant = Baggage.builder().put("tenant.id", "acme").build().makeCurrent()) {
      events.publish("order o-42 placed");
    } finally {
      checkout.end();
    }
  }

  @Test
  void the_consumer_links_its_own_trace_to_the_producer(
      OpenTelemetry otel, Tracer tracer, CaptureSession session) {
    OrderEvents events = new OrderEvents(otel);
    placeOrder(tracer, events);

    boolean processed =
        events.processNext(body -> tracer.spanBuilder("sendConfirmation").startSpan().end());

    assertThat(processed).isTrue();
    SpanData publish =
        session.finishedSpans().stream()
            .filter(span -> span.getName().equals("publish orders"))
            .findFirst()
            .orElseThrow();
    assertThatTraces().hasTraceCount(2).passesLint();
    assertThatTraces()
        .traceWithRoot("checkout")
        .span("publish orders")
        .hasKind(PRODUCER)
        .hasParent("checkout")
        .hasAttribute("messaging.operation.type", "send")
        .conformsToSemanticConventions();
    assertThatTraces()
        .traceWithRoot("process orders")
        .hasStructure(span("process orders", span("sendConfirmation")))
        .span("process orders")
        .isRoot()
        .hasKind(CONSUMER)
        .hasAttribute("messaging.destination.name", "orders")
        .hasAttribute("messaging.operation.type", "process")
        .conformsToSemanticConventions()
        .hasLinkTo(publish)
        .linkTo("publish orders")
        .hasTraceId(publish.getTraceId());
  }

  @Test
  void the_producers_baggage_is_current_downstream(OpenTelemetry otel, Tracer tracer) {
    OrderEvents events = new OrderEvents(otel);
    placeOrder(tracer, events);
    List<String> tenants = new ArrayList<>();

    events.processNext(
        body -> {
          tenants.add(Baggage.current().getEntryValue("tenant.id"));
          tracer.spanBuilder("sendConfirmation").startSpan().end();
        });

    assertThat(tenants).containsExactly("acme");
    assertThatTraces()
        .traceWithRoot("process orders")
        .span("process orders")
        .hasAttribute("tenant.id", "acme")
        .returnToTrace()
        .span("sendConfirmation")
        .hasBaggage("tenant.id", "acme");
  }

  @Test
  void an_empty_queue_processes_nothing(OpenTelemetry otel) {
    boolean processed = new OrderEvents(otel).processNext(body -> {});

    assertThat(processed).isFalse();
    assertThatTraces().hasTraceCount(0);
  }
}
