package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timing checker on its own. */
class TimingChecks_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_bound_durations_inclusively() {
    SpanNode payment = Trace.of(traces.orderTrace()).spansNamed("processPayment").get(0);
    assertThat(TimingChecks.hasDurationAtMost(payment, Duration.ofMillis(5))).isEmpty();
    assertThat(TimingChecks.hasDurationAtLeast(payment, Duration.ofMillis(5))).isEmpty();
    assertThat(TimingChecks.hasDurationAtMost(payment, Duration.ofMillis(4))).isPresent();
  }

  @Test
  void should_say_how_far_a_child_ran_past_its_parent() {
    Trace trace = Trace.of(traces.record(span("parent", 0, 5, span("child", 1, 8))));
    SpanNode child = trace.spansNamed("child").get(0);
    Failure failure = TimingChecks.startsAndEndsWithinParent(child).orElseThrow();
    assertThat(failure.marks())
        .containsExactly(Map.entry(child, "it ended 3.00 ms after its parent"));
  }

  @Test
  void should_measure_the_overlap_of_spans_meant_to_run_in_sequence() {
    Trace trace =
        Trace.of(traces.record(span("job", 0, 9, span("first", 1, 5), span("second", 4, 8))));
    SpanNode first = trace.spansNamed("first").get(0);
    assertThat(TimingChecks.endsBeforeStartOf(first, trace, "second").orElseThrow().actual())
        .isEqualTo("1.00 ms");
    assertThat(TimingChecks.endsBeforeStartOf(trace.spansNamed("second").get(0), trace, "first"))
        .isPresent();
  }
}
