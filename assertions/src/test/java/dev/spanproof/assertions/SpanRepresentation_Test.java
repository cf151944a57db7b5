package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpanRepresentation_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_show_spans_in_plain_assertj_messages_instead_of_toString_dumps() {
    // GIVEN
    List<SpanData> spans = traces.record(span("GET /orders", 0, 2));
    // WHEN/THEN: registered through META-INF/services, so plain assertThat uses it
    assertThatThrownBy(() -> assertThat(spans).isEmpty())
        .hasMessageContaining(
            "span [GET /orders] (trace 00000000000000000000000000000001, span 0000000000000001, INTERNAL, UNSET)");
  }

  @Test
  void should_draw_traces_and_leave_other_types_alone() {
    // GIVEN
    Trace trace = Trace.of(traces.record(span("GET /orders", 0, 2)));
    SpanRepresentation representation = new SpanRepresentation();
    // WHEN/THEN
    assertThat(representation.toStringOf(trace))
        .isEqualTo(
            """
        trace 00000000000000000000000000000001 (1 span, 2.00 ms)
        └─ GET /orders [INTERNAL, UNSET, 2.00 ms]""");
    assertThat(representation.toStringOf(trace.roots().get(0)))
        .isEqualTo("span GET /orders [INTERNAL, UNSET, 2.00 ms] 0000000000000001");
    assertThat(representation.toStringOf("text")).isNull();
    assertThat(representation.toStringOf(List.of("text"))).isNull();
    assertThat(representation.toStringOf(List.of("text", trace.roots().get(0))))
        .isEqualTo("[\"text\", span GET /orders [INTERNAL, UNSET, 2.00 ms] 0000000000000001]");
  }
}
