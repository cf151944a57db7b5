package com.example.orders;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;

import dev.spanproof.junit.TracingExtension;
import dev.spanproof.junit.UsesGlobalOpenTelemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Code that takes its tracer from {@code GlobalOpenTelemetry}: the path that needs the newest
 * OpenTelemetry API of all, so it runs on the oldest version the README names too.
 */
@ExtendWith(TracingExtension.class)
@UsesGlobalOpenTelemetry
class GlobalOpenTelemetryTest {

  @Test
  void spans_of_the_global_tracer_are_captured() {
    new OrderService(GlobalOpenTelemetry.get()).processOrder("o-43");

    assertThatTrace().hasRoot("processOrder").hasSpanCount(3);
  }
}
