package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static dev.spanproof.assertions.TraceAssertions.span;

import dev.spanproof.core.trace.Trace;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
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

    // before
    otelTesting
        .assertTraces()
        .hasTracesSatisfyingExactly(
            trace ->
                trace.hasSpansSatisfyingExactly(
                    span -> span.hasName("processOrder"),
                    span -> span.hasName("validateInventory").hasParent(trace.getSpan(0)),
                    span -> span.hasName("processPayment").hasParent(trace.getSpan(0))));

    // after
    assertThatTrace(otelTesting.getSpans())
        .hasStructureInOrder(
            span("processOrder", span("validateInventory"), span("processPayment")));
  }

  /**
   * sdk-testing captured these spans, not spanproof's extension, so spanproof's trace report does
   * not see them: the example prints them the same way, as every test of the suite does.
   */
  @AfterEach
  void printTraces(TestInfo test) {
    String name = getClass().getSimpleName() + "." + test.getDisplayName();
    System.out.println(
        "test ["
            + name
            + "]\n"
            + TraceRenderer.create().render(Trace.groupByTraceId(otelTesting.getSpans()))
            + "\n");
  }
}
