package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Name, descendants, resource and instrumentation scope. */
class SpanAssert_origin_Test {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  private List<SpanData> nested() {
    return traces.record(
        span("GET /orders", 0, 10, span("loadOrders", 1, 9, span("SELECT orders", 2, 3))));
  }

  @Test
  void should_pass_on_name_descendants_resource_and_scope() {
    assertThatTrace(nested())
        .root()
        .hasName("GET /orders")
        .hasDescendant("SELECT orders")
        .hasResourceAttribute(SERVICE_NAME, "unknown_service:java")
        .hasInstrumentationScope("spanproof-test");
  }

  @Test
  void should_fail_on_a_missing_descendant_suggesting_spans_below() {
    // GIVEN
    List<SpanData> spans = nested();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().hasDescendant("SELECT order"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [GET /orders] to have a descendant named:
              "SELECT order"
            but it has none. Did you mean:
              span [SELECT orders] 0000000000000003 under span [loadOrders]

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ GET /orders [INTERNAL, UNSET, 10.0 ms]  <-- expected [SELECT order] below
               └─ loadOrders [INTERNAL, UNSET, 8.00 ms]
                  └─ SELECT orders [INTERNAL, UNSET, 1.00 ms]""");
  }

  @Test
  void should_fail_on_resource_scope_and_name() {
    // GIVEN
    List<SpanData> spans = nested();
    // WHEN/THEN
    assertThatThrownBy(
            () -> assertThatTrace(spans).root().hasResourceAttribute(SERVICE_NAME, "orders"))
        .hasMessageStartingWith(
            """
            Expecting span [GET /orders] to have the resource attribute:
              service.name=orders
            but its resource is:
              service.name=unknown_service:java
              telemetry.sdk.language=java
              telemetry.sdk.name=opentelemetry
              telemetry.sdk.version=1.68.0
            """);
    assertThatThrownBy(
            () -> assertThatTrace(spans).root().hasInstrumentationScope("io.opentelemetry.jdbc"))
        .hasMessageStartingWith(
            """
            Expecting span [GET /orders] to come from the instrumentation scope:
              "io.opentelemetry.jdbc"
            but it comes from:
              "spanproof-test"
            """);
    assertThatThrownBy(() -> assertThatTrace(spans).root().hasName("GET /order"))
        .hasMessageStartingWith(
            """
            Expecting span [GET /orders] to have the name:
              "GET /order"
            but its name is:
              "GET /orders"
            """);
  }
}
