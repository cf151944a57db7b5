package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;

import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.trace.TraceRenderer;
import org.junit.jupiter.api.Test;

/** The harness on its own, as another test framework or a {@code main} method would use it. */
class WithoutJUnitExtensionTest {

  @Test
  void the_harness_captures_without_the_extension() {
    try (TracingHarness harness = TracingHarness.builder().build()) {
      new OrderService(harness.openTelemetry())
          .processOrder(new Order("o-90", "sku-1", 1, "4111-1111"));

      System.out.println(
          TraceRenderer.create().withAttributes("order.id").render(harness.traces()));
      assertThatTrace(harness.finishedSpans()).hasRoot("processOrder").hasSpanCount(3);
    }
  }
}
