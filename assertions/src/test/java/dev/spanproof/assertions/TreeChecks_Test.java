package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tree checker on its own: what it finds, as values, without an assert around it. */
class TreeChecks_Test {

  private final TestTraces traces = new TestTraces();
  private final Trace trace = Trace.of(traces.orderTrace());
  private final SpanNode payment = trace.spansNamed("processPayment").get(0);

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_find_nothing_wrong_with_a_true_parent() {
    assertThat(TreeChecks.hasParent(payment, "processOrder")).isEmpty();
  }

  @Test
  void should_mark_the_span_when_its_parent_differs() {
    Failure failure = TreeChecks.hasParent(payment, "checkout").orElseThrow();
    assertThat(failure.marks()).containsExactly(entry(payment, "expected parent [checkout]"));
    assertThat(failure.actual()).isEqualTo("processOrder");
    assertThat(failure.expected()).isEqualTo("checkout");
    assertThat(failure.message())
        .isEqualTo(
            """
            Expecting span [processPayment] to have the parent:
              span [checkout]
            but its parent is span [processOrder]""");
  }

  @Test
  void should_lead_to_a_child_or_say_why_not() {
    SpanNode root = trace.roots().get(0);
    assertThat(TreeChecks.child(root, trace, "processPayment").found()).isSameAs(payment);
    Lookup<SpanNode> missing = TreeChecks.child(root, trace, "payment");
    assertThat(missing.isFound()).isFalse();
    assertThat(missing.failure().marks())
        .containsExactly(entry(root, "expected a child named \"payment\""));
  }

  @Test
  void should_mark_each_of_several_same_named_spans() {
    Trace twice =
        Trace.of(traces.record(span("batch", 0, 9, span("send", 1, 2), span("send", 3, 4))));
    List<SpanNode> sends = twice.spansNamed("send");
    Lookup<SpanNode> lookup = TreeChecks.spanNamed(twice, "send");
    assertThat(lookup.found()).isNull();
    assertThat(lookup.failure().marks())
        .containsExactly(entry(sends.get(0), "1 of 2"), entry(sends.get(1), "2 of 2"));
  }

  @Test
  void should_not_lead_above_a_root() {
    Lookup<SpanNode> lookup = TreeChecks.parent(trace.roots().get(0), trace);
    assertThat(lookup.failure().marks().values()).containsExactly("expected a parent");
  }

  private static Map.Entry<SpanNode, String> entry(SpanNode node, String note) {
    return Map.entry(node, note);
  }
}
