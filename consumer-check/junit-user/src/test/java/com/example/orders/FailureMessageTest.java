package com.example.orders;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static io.opentelemetry.api.trace.SpanKind.PRODUCER;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.ManualClock;
import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's failure message, whole: a fixed clock and counted ids make the drawn trace the same
 * on every run.
 */
class FailureMessageTest {

  @RegisterExtension
  static final TracingExtension TRACING =
      TracingExtension.builder()
          .harness(
              harness ->
                  harness
                      .clock(ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z")))
                      .idGenerator(new CountingIds()))
          .build();

  @Test
  void a_wrong_kind_says_what_was_expected_and_draws_the_trace(OpenTelemetry otel) {
    new OrderService(otel).processOrder("o-42");

    assertThatThrownBy(() -> assertThatTrace().span("processPayment").hasKind(PRODUCER))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.join(
                "\n",
                "Expecting span [processPayment] to have the kind:",
                "  PRODUCER",
                "but it has:",
                "  CLIENT",
                "",
                "trace 00000000000000000000000000000002 (3 spans, 0 ns)",
                "└─ processOrder [SERVER, OK, 0 ns]",
                "   ├─ validateInventory [INTERNAL, UNSET, 0 ns]",
                "   └─ processPayment [CLIENT, UNSET, 0 ns] events: payment.authorized"
                    + "  <-- expected kind PRODUCER"));
  }

  /** Trace and span ids 1, 2, 3, … in hex. */
  static final class CountingIds implements IdGenerator {
    private final AtomicLong next = new AtomicLong();

    @Override
    public String generateSpanId() {
      return String.format("%016x", next.incrementAndGet());
    }

    @Override
    public String generateTraceId() {
      return String.format("%032x", next.incrementAndGet());
    }
  }
}
