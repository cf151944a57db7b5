package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The checker of a test's traces on its own. */
class TraceSetChecks_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  private List<Trace> twoTraces() {
    List<SpanData> spans = new ArrayList<>(traces.orderTrace());
    spans.addAll(traces.record(span("refund", 0, 1)));
    return Trace.groupByTraceId(spans);
  }

  @Test
  void should_count_traces_and_draw_them_all_when_the_count_is_off() {
    List<Trace> all = twoTraces();
    assertThat(TraceSetChecks.hasTraceCount(all, "the given spans", List.of(), null, 2)).isEmpty();
    Failure failure =
        TraceSetChecks.hasTraceCount(all, "the given spans", List.of(), null, 1).orElseThrow();
    assertThat(failure.drawsTree()).isFalse();
    assertThat(failure.message()).contains("└─ processOrder", "└─ refund");
    assertThat(failure.actual()).isEqualTo(2);
  }

  @Test
  void should_find_the_trace_by_its_root_or_list_the_roots() {
    List<Trace> all = twoTraces();
    assertThat(TraceSetChecks.traceWithRoot(all, "the given spans", "refund").found())
        .isSameAs(all.get(1));
    assertThat(TraceSetChecks.traceWithRoot(all, "the given spans", "checkout").failure().message())
        .startsWith(
            """
            Expecting the given spans to have exactly one trace with the root:
              span [checkout]
            but found 0; the roots are [processOrder, refund]""");
  }

  @Test
  void should_pass_without_unended_spans() {
    assertThat(TraceSetChecks.hasNoUnendedSpans(twoTraces(), "the given spans", List.of()))
        .isEmpty();
  }
}
