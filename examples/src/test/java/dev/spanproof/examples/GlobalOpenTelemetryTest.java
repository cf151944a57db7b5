package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;

import dev.spanproof.junit.TracingExtension;
import dev.spanproof.junit.UsesGlobalOpenTelemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Code that takes its OpenTelemetry from the global, as the Java agent's users' code does. */
@ExtendWith(TracingExtension.class)
@UsesGlobalOpenTelemetry
class GlobalOpenTelemetryTest {

  @Test
  void code_that_uses_the_global_is_traced_too() {
    new OrderService(GlobalOpenTelemetry.get()).processOrder(new Order("o-62", "sku-1", 1, "4111"));

    assertThatTrace().hasRoot("processOrder").hasSpanCount(3);
  }
}
