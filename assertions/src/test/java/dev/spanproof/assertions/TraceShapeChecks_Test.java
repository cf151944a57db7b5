package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trace-shape checker on its own. */
class TraceShapeChecks_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_accept_the_true_root_and_mark_a_wrong_one() {
    Trace trace = Trace.of(traces.orderTrace());
    SpanNode root = trace.roots().get(0);
    assertThat(TraceShapeChecks.hasRoot(trace, "processOrder")).isEmpty();
    Failure failure = TraceShapeChecks.hasRoot(trace, "checkout").orElseThrow();
    assertThat(failure.marks()).containsExactly(Map.entry(root, "expected root [checkout]"));
    assertThat(failure.actual()).isEqualTo("processOrder");
  }

  @Test
  void should_mark_the_first_of_repeated_siblings() {
    Trace trace =
        Trace.of(
            traces.record(span("GET /orders", 0, 9, span("SELECT", 1, 2), span("SELECT", 3, 4))));
    SpanNode first = trace.spansNamed("SELECT").get(0);
    assertThat(TraceShapeChecks.hasNoRepeatedSiblings(trace, 2)).isEmpty();
    Failure failure = TraceShapeChecks.hasNoRepeatedSiblings(trace, 1).orElseThrow();
    assertThat(failure.marks()).containsExactly(Map.entry(first, "2 x \"SELECT\" here and below"));
    assertThat(failure.actual()).isEqualTo("2 x span [SELECT] under span [GET /orders]");
  }

  @Test
  void should_suggest_near_misses_for_a_missing_span() {
    Trace trace = Trace.of(traces.orderTrace());
    Failure failure = TraceShapeChecks.hasSpanNamed(trace, "processPaymnt").orElseThrow();
    assertThat(failure.marks().keySet()).extracting(SpanNode::name).contains("processPayment");
    assertThat(failure.marks().values()).containsOnly("did you mean this?");
  }

  @Test
  void should_count_spans() {
    Trace trace = Trace.of(traces.orderTrace());
    assertThat(TraceShapeChecks.hasSpanCount(trace, 3)).isEmpty();
    Failure failure = TraceShapeChecks.hasSpanCount(trace, 4).orElseThrow();
    assertThat(failure.marks()).isEmpty();
    assertThat(failure.actual()).isEqualTo(3);
    assertThat(failure.expected()).isEqualTo(4);
  }
}
