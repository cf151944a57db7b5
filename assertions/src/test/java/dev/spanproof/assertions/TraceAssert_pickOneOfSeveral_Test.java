package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Picking one of several same-named spans, and the "several spans" failure suggesting how. */
class TraceAssert_pickOneOfSeveral_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  /** A batch that sends two messages, told apart by their id. */
  private List<SpanData> batch() {
    return traces.record(
        span(
            "batch",
            0,
            10,
            span("send", 1, 2).with(s -> s.setAttribute("messaging.message.id", "m-1")),
            span("send", 3, 4)
                .kind(SpanKind.PRODUCER)
                .with(s -> s.setAttribute("messaging.message.id", "m-2"))));
  }

  @Test
  void should_pick_by_attribute_or_by_position_under_the_parent() {
    List<SpanData> spans = batch();
    assertThatTrace(spans)
        .spanWithAttribute("send", "messaging.message.id", "m-2")
        .hasKind(SpanKind.PRODUCER)
        .returnToTrace()
        .span("batch")
        .child("send", 1)
        .hasKind(SpanKind.PRODUCER)
        .parent()
        .child("send", 0)
        .hasKind(SpanKind.INTERNAL);
  }

  @Test
  void should_suggest_both_picks_when_several_spans_share_the_name() {
    List<SpanData> spans = batch();
    assertThatThrownBy(() -> assertThatTrace(spans).span("send"))
        .hasMessageStartingWith(
            """
            Expecting trace 00000000000000000000000000000001 to have exactly one span named:
              "send"
            but it has 2: 0000000000000002, 0000000000000003; pick one with:
              span("batch").child("send", 0)
              spanWithAttribute("send", "messaging.message.id", "m-1")
            """);
  }

  @Test
  void should_suggest_the_position_among_children_when_navigating_from_the_parent() {
    List<SpanData> spans = batch();
    assertThatThrownBy(() -> assertThatTrace(spans).root().child("send"))
        .hasMessageStartingWith(
            """
            Expecting span [batch] to have exactly one span named:
              "send"
            but it has 2: 0000000000000002, 0000000000000003; pick one with:
              child("send", 0)
            """);
  }

  @Test
  void should_fall_back_to_narrowing_down_when_nothing_tells_the_spans_apart() {
    List<SpanData> spans =
        traces.record(
            span(
                "job",
                0,
                10,
                span("a", 1, 4, span("load", 2, 3)),
                span("b", 5, 9, span("load", 6, 7))));
    assertThatThrownBy(() -> assertThatTrace(spans).span("load"))
        .hasMessageContaining(
            """
            but it has 2: 0000000000000003, 0000000000000005; narrow it down, e.g. span("parent").child("load")
            """);
  }

  @Test
  void should_fail_on_an_attribute_no_span_of_that_name_has() {
    List<SpanData> spans = batch();
    assertThatThrownBy(
            () -> assertThatTrace(spans).spanWithAttribute("send", "messaging.message.id", "m-3"))
        .hasMessage(
            """
            Expecting trace 00000000000000000000000000000001 to have exactly one span named "send" with the attribute:
              messaging.message.id=m-3
            but it has 0; the spans named "send" have:
              0000000000000002 messaging.message.id=m-1
              0000000000000003 messaging.message.id=m-2

            trace 00000000000000000000000000000001 (3 spans, 10.0 ms)
            └─ batch [INTERNAL, UNSET, 10.0 ms]
               ├─ send [INTERNAL, UNSET, 1.00 ms] messaging.message.id=m-1  <-- named "send"
               └─ send [PRODUCER, UNSET, 1.00 ms] messaging.message.id=m-2  <-- named "send\"""");
  }

  @Test
  void should_fail_on_a_position_beyond_the_children_of_that_name() {
    List<SpanData> spans = batch();
    assertThatThrownBy(() -> assertThatTrace(spans).root().child("send", 2))
        .hasMessageStartingWith(
            """
            Expecting span [batch] to have a child named "send" at index:
              2
            but it has 2 named so
            """)
        .hasMessageContaining(
            "└─ batch [INTERNAL, UNSET, 10.0 ms]  <-- expected a child \"send\" at index 2");
    assertThatThrownBy(() -> assertThatTrace(spans).root().child("send", -1))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("child(String name, int index): index must not be negative, but got -1");
  }
}
