package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The attribute checker on its own. */
class AttributeChecks_Test {

  private final TestTraces traces = new TestTraces();
  private final SpanNode payment =
      Trace.of(traces.orderTrace()).spansNamed("processPayment").get(0);

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_compare_numbers_across_widths() {
    assertThat(AttributeChecks.hasAttribute(payment, "payment.attempts", 2)).isEmpty();
    assertThat(AttributeChecks.hasAttribute(payment, "payment.attempts", (short) 2)).isEmpty();
    assertThat(AttributeChecks.hasAttribute(payment, "payment.attempts", 3)).isPresent();
  }

  @Test
  void should_ask_to_draw_the_asserted_attribute_without_changing_anything_else() {
    Failure failure =
        AttributeChecks.hasAttribute(payment, "payment.provider", "zeta").orElseThrow();
    assertThat(failure.alsoShown()).containsExactly("payment.provider");
    assertThat(failure.marks())
        .containsExactly(Map.entry(payment, "expected payment.provider=zeta"));
    // The drawing reads the failure and the shown keys; it leaves both as they were.
    Layout.describe(failure, Trace.of(traces.orderTrace()), Layout.KEY_ATTRIBUTES);
    assertThat(failure.alsoShown()).containsExactly("payment.provider");
    assertThat(Layout.KEY_ATTRIBUTES).doesNotContain("payment.provider");
  }

  @Test
  void should_name_the_types_when_the_values_print_alike() {
    Failure failure = AttributeChecks.hasAttribute(payment, "payment.attempts", "2").orElseThrow();
    assertThat(failure.marks().values())
        .containsExactly("expected payment.attempts=2 of type STRING, found LONG");
  }

  @Test
  void should_list_missing_and_different_attributes() {
    Failure failure =
        AttributeChecks.containsAttributes(
                payment,
                Attributes.of(
                    AttributeKey.stringKey("payment.provider"), "zeta",
                    AttributeKey.stringKey("payment.card"), "visa"))
            .orElseThrow();
    assertThat(failure.marks().values())
        .containsExactly("missing or different: [payment.card, payment.provider]");
  }

  @Test
  void should_flag_an_attribute_that_must_be_absent() {
    assertThat(AttributeChecks.doesNotHaveAttribute(payment, "payment.card")).isEmpty();
    assertThat(
            AttributeChecks.doesNotHaveAttribute(payment, "payment.provider")
                .orElseThrow()
                .actual())
        .isEqualTo("acme");
  }
}
