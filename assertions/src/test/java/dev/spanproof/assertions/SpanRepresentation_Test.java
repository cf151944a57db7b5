package dev.spanproof.assertions;

import static dev.spanproof.assertions.SpanRepresentation.SPAN_REPRESENTATION;
import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.ServiceLoader;
import org.assertj.core.presentation.Representation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpanRepresentation_Test {

  private static final String SPAN_LINE =
      "span [GET /orders] (trace 00000000000000000000000000000001, span 0000000000000001,"
          + " INTERNAL, UNSET)";

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_not_be_registered_with_assertj() {
    // Registered, it would change every AssertJ message on the user's classpath and make AssertJ
    // print a notice on stdout.
    assertThat(ServiceLoader.load(Representation.class))
        .noneMatch(SpanRepresentation.class::isInstance);
  }

  @Test
  void should_leave_plain_assertj_messages_alone() {
    // GIVEN
    List<SpanData> spans = traces.record(span("GET /orders", 0, 2));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThat(spans).isEmpty())
        .hasMessageNotContaining(SPAN_LINE)
        .hasMessageContaining("SpanData{");
  }

  @Test
  void should_show_an_exporters_spans_one_line_each_in_an_assertion_that_opts_in() {
    // GIVEN
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    assertThat(exporter.export(traces.record(span("GET /orders", 0, 2))).isSuccess()).isTrue();
    // WHEN
    Throwable failure =
        catchThrowable(
            () -> {
              // one assertion
              assertThat(exporter.getFinishedSpanItems())
                  .withRepresentation(SpanRepresentation.SPAN_REPRESENTATION)
                  .isEmpty();
            });
    // THEN
    assertThat(failure).hasMessageContaining(SPAN_LINE).hasMessageNotContaining("SpanData{");
  }

  @Test
  void should_show_spans_in_a_plain_assertion_that_opts_in() {
    // GIVEN
    List<SpanData> spans = traces.record(span("GET /orders", 0, 2));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThat(spans).withRepresentation(SPAN_REPRESENTATION).isEmpty())
        .hasMessage(
            """

            Expecting empty but was: [%s]""",
            SPAN_LINE);
  }

  @Test
  void should_show_spans_in_spanprooofs_own_messages() {
    // GIVEN
    List<SpanData> spans = traces.record(span("GET /orders", 0, 2));
    // WHEN/THEN: an assertion inherited from AssertJ prints the span with this representation
    assertThatThrownBy(() -> assertThatTrace(spans).root().matches(node -> node.depth() > 0))
        .hasMessage(
            """

            Expecting actual:
              span GET /orders [INTERNAL, UNSET, 2.00 ms] 0000000000000001
            to match given predicate.

            You can use 'matches(Predicate p, String description)' to have a better error message
            For example:
              assertThat(player).matches(p -> p.isRookie(), "is rookie");
            will give an error message looking like:

            Expecting actual:
              player
            to match 'is rookie' predicate""");
  }

  @Test
  void should_draw_traces_and_show_other_types_as_standard() {
    // GIVEN
    Trace trace = Trace.of(traces.record(span("GET /orders", 0, 2)));
    // WHEN/THEN
    assertThat(SPAN_REPRESENTATION.toStringOf(trace))
        .isEqualTo(
            """
            trace 00000000000000000000000000000001 (1 span, 2.00 ms)
            └─ GET /orders [INTERNAL, UNSET, 2.00 ms]""");
    assertThat(SPAN_REPRESENTATION.toStringOf(trace.roots().get(0)))
        .isEqualTo("span GET /orders [INTERNAL, UNSET, 2.00 ms] 0000000000000001");
    assertThat(SPAN_REPRESENTATION.toStringOf("text")).isEqualTo("\"text\"");
    assertThat(SPAN_REPRESENTATION.toStringOf(List.of("text", trace.roots().get(0))))
        .isEqualTo("[\"text\", span GET /orders [INTERNAL, UNSET, 2.00 ms] 0000000000000001]");
  }
}
