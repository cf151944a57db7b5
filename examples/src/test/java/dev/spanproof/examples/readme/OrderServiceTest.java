package dev.spanproof.examples.readme;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;

import dev.spanproof.examples.Order;
import dev.spanproof.examples.OrderService;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// The README's first example, as it stands there (README.md quotes this class whole).
@ExtendWith(TracingExtension.class)
class OrderServiceTest {

  @Test
  void ordersAreTraced(OpenTelemetry otel) { // injected, isolated per test
    new OrderService(otel).processOrder(new Order("o-42", "sku-1", 2, "4111-1111"));

    assertThatTrace() // the one trace this test produced
        .hasRoot("processOrder")
        .hasStructureInOrder(
            span("processOrder", span("validateInventory"), span("processPayment")))
        .span("processPayment")
        .hasKind(CLIENT)
        .hasParent("processOrder");
  }
}
