package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event and exception checker on its own. */
class EventChecks_Test {

  private final TestTraces traces = new TestTraces();
  private final Trace trace = Trace.of(traces.orderTrace());
  private final SpanNode payment = trace.spansNamed("processPayment").get(0);

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_match_exceptions_by_type_and_supertype() {
    assertThat(EventChecks.hasException(payment, IllegalStateException.class)).isEmpty();
    assertThat(EventChecks.hasException(payment, RuntimeException.class)).isEmpty();
    assertThat(EventChecks.hasException(payment, IllegalStateException.class, "card declined"))
        .isEmpty();
    Failure failure = EventChecks.hasException(payment, IOException.class).orElseThrow();
    assertThat(failure.marks())
        .containsExactly(Map.entry(payment, "expected exception IOException"));
  }

  @Test
  void should_report_events_out_of_order() {
    Failure failure =
        EventChecks.hasEventsInOrder(payment, List.of("exception", "retry")).orElseThrow();
    assertThat(failure.actual()).isEqualTo(List.of("exception"));
    assertThat(failure.expected()).isEqualTo(List.of("exception", "retry"));
  }

  @Test
  void should_tell_spans_without_exceptions_apart() {
    SpanNode inventory = trace.spansNamed("validateInventory").get(0);
    assertThat(EventChecks.hasNoException(inventory)).isEmpty();
    assertThat(EventChecks.hasNoEvents(inventory)).isEmpty();
    assertThat(EventChecks.hasNoException(payment)).isPresent();
  }
}
