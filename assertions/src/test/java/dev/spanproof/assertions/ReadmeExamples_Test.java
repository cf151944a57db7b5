package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.awaitTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static io.opentelemetry.api.trace.StatusCode.ERROR;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The snippets of assertions/README.md, compiled and run: keep both in step. */
@ExtendWith(TracingExtension.class)
class ReadmeExamples_Test {

  /** A tiny service instrumented with the OpenTelemetry API, as users write them. */
  static final class OrderService {
    private final Tracer tracer;

    OrderService(OpenTelemetry otel) {
      this.tracer = otel.getTracer("orders");
    }

    void processOrder(List<String> lines) {
      Span order = tracer.spanBuilder("processOrder").setSpanKind(SERVER).startSpan();
      try (Scope ignored = order.makeCurrent()) {
        tracer.spanBuilder("validateInventory").startSpan().end();
        for (String line : lines) {
          tracer
              .spanBuilder("SELECT order_line")
              .setSpanKind(CLIENT)
              .startSpan()
              .setAttribute("line", line)
              .end();
        }
        Span payment = tracer.spanBuilder("processPayment").setSpanKind(CLIENT).startSpan();
        payment.recordException(new IllegalStateException("card declined"));
        payment.setStatus(ERROR, "card declined");
        payment.end();
        // the confirmation email goes out asynchronously
        var unused =
            CompletableFuture.runAsync(
                Context.current().wrap(() -> tracer.spanBuilder("sendEmail").startSpan().end()));
      } finally {
        order.end();
      }
    }
  }

  @Test
  void readme_structure_and_spans(OpenTelemetry otel) {
    new OrderService(otel).processOrder(List.of("a"));

    // tag::structure[]
    awaitTrace()
        .untilSpan("sendEmail") // the async span: once it ended, the trace is whole
        .hasRoot("processOrder")
        .hasNoOrphans()
        .hasStructure(
            span(
                "processOrder", // children in any order
                span("validateInventory"),
                span("SELECT order_line"),
                span("processPayment"),
                span("sendEmail")))
        .span("processPayment")
        .hasKind(CLIENT)
        .hasStatus(ERROR, "card declined")
        .hasException(IllegalStateException.class, "card declined")
        .hasParent("processOrder")
        .startsAndEndsWithinParent()
        .returnToTrace()
        .span("SELECT order_line")
        .hasAttribute("line", "a");
    // end::structure[]
  }

  @Test
  void readme_await(OpenTelemetry otel) {
    new OrderService(otel).processOrder(List.of("a"));

    awaitTrace()
        .atMost(Duration.ofSeconds(30))
        .untilSpan("sendEmail")
        .span("sendEmail")
        .hasParent("processOrder");
    awaitTrace().untilComplete().hasSpanCount(5); // no span still running, count stable
  }

  @Test
  void readme_n_plus_one(OpenTelemetry otel) {
    new OrderService(otel).processOrder(List.of("a", "b", "c"));
    awaitTrace().untilSpan("sendEmail");

    // tag::nplusone[]
    assertThatThrownBy(
            () -> assertThatTrace().span("processOrder").hasChildrenNamed("SELECT order_line", 1))
        .hasMessageContaining("to have this many children named \"SELECT order_line\"");
    assertThatThrownBy(() -> assertThatTrace().hasNoRepeatedSiblings(1))
        .hasMessageContaining("3 x span [SELECT order_line] under span [processOrder]");
    // end::nplusone[]
  }

  @Test
  void readme_soft(OpenTelemetry otel) {
    new OrderService(otel).processOrder(List.of("a"));
    awaitTrace().untilSpan("sendEmail");

    // tag::soft[]
    SoftTraceAssertions.assertSoftly(
        softly -> {
          softly.assertThatTrace().hasSpanCount(5);
          softly.assertThatTrace().span("processPayment").hasKind(CLIENT).hasStatus(ERROR);
          softly
              .assertThatTrace()
              .span("SELECT order_line")
              .hasAttribute(AttributeKey.stringKey("line"), "a");
        });
    // end::soft[]
  }
}
