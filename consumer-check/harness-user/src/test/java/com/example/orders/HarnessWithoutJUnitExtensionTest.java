package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spanproof.core.ManualClock;
import dev.spanproof.core.TracingHarness;
import dev.spanproof.core.propagation.TraceContext;
import dev.spanproof.core.propagation.TraceContextValidation;
import dev.spanproof.core.trace.TraceRenderer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's "Without JUnit" use: a harness in plain code, its trace drawn, and the propagation
 * validator, with nothing but spanproof-harness-core (and JUnit only to run it).
 */
class HarnessWithoutJUnitExtensionTest {

  @Test
  void a_harness_captures_and_draws_a_trace() {
    ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    try (TracingHarness harness = TracingHarness.builder().clock(clock).build()) {
      Tracer tracer = harness.openTelemetry().getTracer("com.example.orders");

      Span order = tracer.spanBuilder("processOrder").setSpanKind(SpanKind.SERVER).startSpan();
      try (Scope ignored = order.makeCurrent()) {
        clock.advance(Duration.ofMillis(2));
        tracer.spanBuilder("validateInventory").startSpan().end();
      } finally {
        order.end();
      }

      String drawn = TraceRenderer.create().render(harness.traces());
      String traceId = harness.finishedSpans().get(0).getTraceId();
      assertEquals(
          String.join(
              "\n",
              "trace " + traceId + " (2 spans, 2.00 ms)",
              "└─ processOrder [SERVER, UNSET, 2.00 ms]",
              "   └─ validateInventory [INTERNAL, UNSET, 0 ns]"),
          drawn);
    }
  }

  @Test
  void an_all_zero_trace_id_is_named_as_the_problem() {
    TraceContextValidation validation =
        TraceContext.validate(
            Map.of(
                "traceparent", List.of("00-00000000000000000000000000000000-00f067aa0ba902b7-01")));

    assertFalse(validation.isValid());
    assertEquals(
        List.of(
            "traceparent: trace-id \"00000000000000000000000000000000\" is all zeros, which the W3C"
                + " Trace Context spec forbids (an invalid trace-id)"),
        validation.problems());
  }
}
