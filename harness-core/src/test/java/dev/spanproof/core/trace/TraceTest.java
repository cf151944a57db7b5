package dev.spanproof.core.trace;

import static dev.spanproof.core.trace.Spans.remoteChild;
import static dev.spanproof.core.trace.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TraceTest {

  @Test
  void should_build_the_tree_from_parent_ids_whatever_the_input_order() {
    // GIVEN spans given children first, as exporters deliver them (in end order)
    List<SpanData> spans =
        List.of(
            span("processPayment", 3, 1, 20),
            span("validateInventory", 2, 1, 10),
            span("chargeCard", 4, 3, 25),
            span("processOrder", 1, 0, 0));
    // WHEN
    Trace trace = Trace.of(spans);
    // THEN
    assertThat(trace.roots()).extracting(SpanNode::name).containsExactly("processOrder");
    assertThat(trace.spans())
        .extracting(SpanNode::name)
        .containsExactly("processOrder", "validateInventory", "processPayment", "chargeCard");
    assertThat(trace.spans()).extracting(SpanNode::depth).containsExactly(0, 1, 1, 2);
    assertThat(trace.depth()).isEqualTo(3);
    SpanNode charge = trace.spansNamed("chargeCard").get(0);
    assertThat(charge.parent()).map(SpanNode::name).hasValue("processPayment");
    assertThat(charge.isDescendantOf(trace.roots().get(0))).isTrue();
    assertThat(trace.roots().get(0).descendants())
        .extracting(SpanNode::name)
        .containsExactly("validateInventory", "processPayment", "chargeCard");
    assertThat(trace.duration()).isEqualTo(Duration.ofMillis(35));
  }

  @Test
  void should_order_siblings_by_start_and_keep_input_order_for_equal_starts() {
    Trace trace =
        Trace.of(
            List.of(
                span("root", 1, 0, 0),
                span("second-at-5", 3, 1, 5),
                span("first-at-5", 2, 1, 5),
                span("at-1", 4, 1, 1)));
    assertThat(trace.roots().get(0).children())
        .extracting(SpanNode::name)
        .containsExactly("at-1", "second-at-5", "first-at-5");
  }

  @Test
  void should_build_the_same_tree_from_start_ordered_input_as_from_shuffled_input() {
    // GIVEN spans in start order, as a capture session hands them over, two starting together
    List<SpanData> ordered =
        List.of(
            span("root", 1, 0, 0),
            span("first-at-5", 2, 1, 5),
            span("second-at-5", 3, 1, 5),
            span("query", 4, 2, 6),
            span("late", 5, 1, 9));
    List<SpanData> shuffled = new ArrayList<>(ordered);
    Collections.reverse(shuffled);
    // WHEN
    Trace fromOrdered = Trace.of(ordered);
    Trace fromShuffled = Trace.of(shuffled);
    // THEN both are one tree; equal starts keep the order they were given in
    assertThat(fromOrdered.spans())
        .extracting(SpanNode::name)
        .containsExactly("root", "first-at-5", "query", "second-at-5", "late");
    assertThat(fromShuffled.spans())
        .extracting(SpanNode::name)
        .containsExactly("root", "second-at-5", "first-at-5", "query", "late");
    assertThat(fromOrdered.depth()).isEqualTo(fromShuffled.depth()).isEqualTo(3);
    assertThat(fromOrdered.duration()).isEqualTo(fromShuffled.duration());
  }

  @Test
  void should_sort_input_that_is_in_start_order_but_for_its_last_span() {
    Trace trace =
        Trace.of(
            List.of(
                span("root", 1, 0, 0),
                span("at-2", 2, 1, 2),
                span("at-3", 3, 1, 3),
                span("at-1", 4, 1, 1)));
    assertThat(trace.roots().get(0).children())
        .extracting(SpanNode::name)
        .containsExactly("at-1", "at-2", "at-3");
  }

  @Test
  void should_order_each_trace_of_interleaved_input_on_its_own() {
    // GIVEN two traces whose spans alternate: one in start order, the other not
    String otherTrace = "0af7651916cd43dd8448eb211c80319c";
    List<Trace> traces =
        Trace.groupByTraceId(
            List.of(
                span(Spans.TRACE_ID, "a-root", 1, 0, false, 0, 30),
                span(otherTrace, "b-late", 2, 1, false, 20, 25),
                span(Spans.TRACE_ID, "a-child", 2, 1, false, 10, 12),
                span(otherTrace, "b-early", 3, 1, false, 15, 16),
                span(otherTrace, "b-root", 1, 0, false, 5, 40)));
    // THEN
    assertThat(traces).extracting(Trace::traceId).containsExactly(Spans.TRACE_ID, otherTrace);
    assertThat(traces.get(0).spans())
        .extracting(SpanNode::name)
        .containsExactly("a-root", "a-child");
    assertThat(traces.get(1).spans())
        .extracting(SpanNode::name)
        .containsExactly("b-root", "b-early", "b-late");
    assertThat(traces.get(1).startEpochNanos()).isEqualTo(5_000_000);
    assertThat(traces.get(1).endEpochNanos()).isEqualTo(40_000_000);
    assertThat(traces.get(0).duration()).isEqualTo(Duration.ofMillis(30));
  }

  @Test
  void should_put_a_parent_before_a_child_that_started_at_the_same_instant() {
    Trace trace = Trace.of(List.of(span("child", 2, 1, 0), span("parent", 1, 0, 0)));
    assertThat(trace.spans()).extracting(SpanNode::name).containsExactly("parent", "child");
  }

  @Test
  void should_make_a_span_whose_local_parent_is_missing_an_orphan_root() {
    Trace trace = Trace.of(List.of(span("processOrder", 1, 0, 0), span("lostChild", 7, 99, 5)));
    assertThat(trace.roots())
        .extracting(SpanNode::name)
        .containsExactly("processOrder", "lostChild");
    assertThat(trace.orphans()).extracting(SpanNode::name).containsExactly("lostChild");
    SpanNode orphan = trace.orphans().get(0);
    assertThat(orphan.isRoot()).isTrue();
    assertThat(orphan.hasRemoteParent()).isFalse();
    assertThat(orphan.parentSpanId()).isEqualTo("0000000000000063");
  }

  @Test
  void should_treat_a_span_continuing_a_remote_parent_as_a_root_that_is_no_orphan() {
    Trace trace =
        Trace.of(List.of(remoteChild("GET /inventory", 5, 42, 0), span("query", 6, 5, 1)));
    SpanNode server = trace.roots().get(0);
    assertThat(server.hasRemoteParent()).isTrue();
    assertThat(server.isOrphan()).isFalse();
    assertThat(trace.orphans()).isEmpty();
    assertThat(trace.spansWithRemoteParent()).containsExactly(server);
    assertThat(server.children()).extracting(SpanNode::name).containsExactly("query");
  }

  @Test
  void should_keep_several_true_roots_in_start_order() {
    Trace trace = Trace.of(List.of(span("later", 2, 0, 50), span("earlier", 1, 0, 10)));
    assertThat(trace.roots()).extracting(SpanNode::name).containsExactly("earlier", "later");
    assertThat(trace.orphans()).isEmpty();
  }

  @Test
  void should_cut_a_parent_loop_at_its_earliest_span_and_call_it_an_orphan() {
    // Malformed input: a and b name each other as parent.
    Trace trace = Trace.of(List.of(span("a", 1, 2, 0), span("b", 2, 1, 5)));
    assertThat(trace.roots()).extracting(SpanNode::name).containsExactly("a");
    assertThat(trace.roots().get(0).isOrphan()).isTrue();
    assertThat(trace.spans()).extracting(SpanNode::name).containsExactly("a", "b");
  }

  @Test
  void should_order_a_cut_loop_among_the_roots_by_start_then_by_capture() {
    // Malformed input: c and d name each other as parent; c starts with the true root, given first
    Trace trace =
        Trace.of(
            List.of(
                span("c", 3, 4, 0),
                span("root", 1, 0, 0),
                span("d", 4, 3, 5),
                span("later-root", 2, 0, 2)));
    assertThat(trace.roots()).extracting(SpanNode::name).containsExactly("c", "root", "later-root");
    assertThat(trace.orphans()).extracting(SpanNode::name).containsExactly("c");
    assertThat(trace.spans())
        .extracting(SpanNode::name)
        .containsExactly("c", "d", "root", "later-root");
  }

  @Test
  void should_group_spans_by_trace_id_ordered_by_trace_start() {
    String otherTrace = "0af7651916cd43dd8448eb211c80319c";
    List<Trace> traces =
        Trace.groupByTraceId(
            List.of(
                span(Spans.TRACE_ID, "late-root", 1, 0, false, 100, 110),
                span(otherTrace, "early-root", 1, 0, false, 0, 10)));
    assertThat(traces).extracting(Trace::traceId).containsExactly(otherTrace, Spans.TRACE_ID);
    assertThat(Trace.groupByTraceId(List.of())).isEmpty();
  }

  @Test
  void should_query_spans_by_name_kind_and_predicate() {
    Trace trace =
        Trace.of(List.of(span("root", 1, 0, 0), span("query", 2, 1, 1), span("query", 3, 1, 2)));
    assertThat(trace.spansNamed("query"))
        .extracting(SpanNode::spanId)
        .containsExactly("0000000000000002", "0000000000000003");
    assertThat(trace.spansOfKind(io.opentelemetry.api.trace.SpanKind.INTERNAL)).hasSize(3);
    assertThat(trace.spansMatching(node -> node.depth() == 1)).hasSize(2);
    assertThat(trace.findBySpanId("0000000000000001")).map(SpanNode::name).hasValue("root");
    assertThat(trace.findBySpanId("ffffffffffffffff")).isEmpty();
  }

  @Test
  void should_answer_every_query_by_name_in_tree_order_from_one_index() {
    // GIVEN names that interleave in tree order, queried more than once
    Trace trace =
        Trace.of(
            List.of(
                span("root", 1, 0, 0),
                span("step", 2, 1, 1),
                span("query", 3, 2, 2),
                span("step", 4, 1, 3),
                span("query", 5, 4, 4),
                span("query", 6, 4, 5)));
    // WHEN, THEN
    assertThat(trace.spansNamed("query"))
        .extracting(SpanNode::spanId)
        .containsExactly("0000000000000003", "0000000000000005", "0000000000000006");
    assertThat(trace.spansNamed("step"))
        .extracting(SpanNode::spanId)
        .containsExactly("0000000000000002", "0000000000000004");
    assertThat(trace.spansNamed("query")).hasSize(3);
    assertThat(trace.spansNamed("missing")).isEmpty();
    assertThatThrownBy(() -> trace.spansNamed("root").clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void should_find_the_earliest_of_spans_that_share_an_id_and_every_id_of_a_large_trace() {
    // GIVEN two spans with one id: the earlier one is the parent the children attach to
    Trace shared =
        Trace.of(List.of(span("late", 1, 0, 5), span("early", 1, 0, 1), span("child", 2, 1, 9)));
    assertThat(shared.findBySpanId("0000000000000001")).map(SpanNode::name).hasValue("early");
    assertThat(shared.spansNamed("child").get(0).parent()).map(SpanNode::name).hasValue("early");
    // AND every id of a trace large enough for many collisions in the table
    List<SpanData> spans = new ArrayList<>();
    for (int i = 1; i <= 5_000; i++) {
      spans.add(span("node-" + i, i * 7919L, i == 1 ? 0 : (i / 2) * 7919L, i));
    }
    Trace large = Trace.of(spans);
    for (int i = 1; i <= 5_000; i++) {
      assertThat(large.findBySpanId(Spans.spanId(i * 7919L)))
          .map(SpanNode::name)
          .hasValue("node-" + i);
    }
    assertThat(large.findBySpanId(Spans.spanId(7918))).isEmpty();
    assertThat(large.roots()).singleElement().extracting(SpanNode::name).isEqualTo("node-1");
  }

  @Test
  void should_refuse_bad_input_with_clear_messages() {
    assertThatThrownBy(() -> Trace.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spans must not be null");
    assertThatThrownBy(() -> Trace.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a trace needs at least one span, but no spans were given");
    assertThatThrownBy(() -> Trace.of(Arrays.asList(span("a", 1, 0, 0), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("spans must not contain null");
    assertThatThrownBy(
            () ->
                Trace.of(
                    List.of(
                        span(Spans.TRACE_ID, "a", 1, 0, false, 0, 1),
                        span("0af7651916cd43dd8448eb211c80319c", "b", 1, 0, false, 0, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected spans of one trace, but they belong to 2 traces: "
                + "[4bf92f3577b34da6a3ce929d0e0e4736, 0af7651916cd43dd8448eb211c80319c]");
  }

  /**
   * 100,000 spans, both as a deep chain (beyond any call stack, so recursion would overflow) and as
   * a wide, shuffled tree. No timeout: on shared CI cores a wall-clock limit fails for the
   * machine's sake, not the code's; speed, and so quadratic work, is measured in the JMH suite
   * (TraceTreeBenchmark).
   */
  @Test
  void should_build_and_draw_100_000_span_traces_without_recursion() {
    int count = 100_000;
    List<SpanData> chain = new ArrayList<>(count);
    List<SpanData> wide = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      chain.add(span("level-" + i, i, i - 1, i));
      wide.add(span("node-" + i, i, i / 10, i));
    }
    Collections.shuffle(wide, new Random(42));
    Trace deep = Trace.of(chain);
    assertThat(deep.depth()).isEqualTo(count);
    assertThat(deep.spans().get(count - 1).depth()).isEqualTo(count - 1);
    assertThat(TraceRenderer.create().render(deep)).hasLineCount(count + 1);
    Trace broad = Trace.of(wide);
    assertThat(broad.spanCount()).isEqualTo(count);
    assertThat(broad.roots())
        .extracting(SpanNode::name)
        .containsExactly(
            "node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7", "node-8",
            "node-9");
    assertThat(broad.orphans()).isEmpty();
  }
}
