package com.example.orders;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;

import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's first example, as a user writes it. */
@ExtendWith(TracingExtension.class)
class OrderServiceTest {

  @Test
  void ordersAreTraced(OpenTelemetry otel) {
    new OrderService(otel).processOrder("o-42");

    assertThatTrace()
        .hasRoot("processOrder")
        .hasStructureInOrder(
            span("processOrder", span("validateInventory"), span("processPayment")))
        .span("processPayment")
        .hasKind(CLIENT)
        .hasParent("processOrder");
  }
}
