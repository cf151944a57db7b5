package dev.spanproof.examples;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.junit.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a failing trace assertion tells you. Each test makes a deliberate mistake, checks the
 * message and prints it, so the example run shows what users will see.
 */
@ExtendWith(TracingExtension.class)
class FailureMessagesTest {

  @Test
  void a_misspelt_span_name_suggests_the_closest_spans(OpenTelemetry otel) {
    new OrderService(otel).processOrder(new Order("o-45", "sku-1", 1, "4111-1111"));

    assertThatThrownBy(() -> assertThatTrace().span("processPaymnt"))
        .satisfies(FailureMessagesTest::print)
        .hasMessageContaining("Did you mean:")
        .hasMessageContaining("span [processPayment]");
  }

  @Test
  void a_wrong_kind_draws_the_trace_and_marks_the_span(OpenTelemetry otel) {
    new OrderService(otel).processOrder(new Order("o-46", "sku-1", 1, "4111-1111"));

    assertThatThrownBy(() -> assertThatTrace().span("processPayment").hasKind(SpanKind.PRODUCER))
        .satisfies(FailureMessagesTest::print)
        .hasMessageStartingWith(
            "Expecting span [processPayment] to have the kind:\n  PRODUCER\nbut it has:\n  CLIENT")
        .hasMessageContaining("<-- expected kind PRODUCER");
  }

  private static void print(Throwable failure) {
    System.out.println("--- what the failure says ---\n" + failure.getMessage() + "\n");
  }
}
