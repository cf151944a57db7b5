package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;

import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Step 1 of docs/migrating-from-sdk-testing.md: sdk-testing's extension, spanproof's assertions.
 */
class MigratingFromSdkTestingTest {

  @RegisterExtension
  static final OpenTelemetryExtension otelTesting = OpenTelemetryExtension.create();

  @Test
  void sdk_testing_spans_checked_as_a_tree() {
    new OrderService(otelTesting.getOpenTelemetry())
        .processOrder(new Order("o-47", "sku-1", 1, "4111-1111"));

    // before: otelTesting.assertTraces().hasTracesSatisfyingExactly(trace ->
    // trace.hasSpansSatisfyingExactly(...))
    assertThatTrace(otelTesting.getSpans())
        .hasStructureInOrder(
            span("processOrder", span("validateInventory"), span("processPayment")));
  }
}
