package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;

import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests that run at the same time each see only their own trace (junit-platform.properties enables
 * parallel execution; this test opts in for its invocations).
 */
@ExtendWith(TracingExtension.class)
class ParallelCheckoutTest {

  @ParameterizedTest
  @Execution(ExecutionMode.CONCURRENT)
  @ValueSource(strings = {"o-70", "o-71", "o-72", "o-73", "o-74", "o-75"})
  void each_concurrent_test_sees_its_own_order(String orderId, OpenTelemetry otel) {
    new OrderService(otel).processOrder(new Order(orderId, "sku-1", 1, "4111-1111"));

    assertThatTrace().hasSpanCount(3).span("processOrder").hasAttribute("order.id", orderId);
  }
}
