package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.CaptureSession;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** link(..), linkTo(..) and the LinkAssert they lead to. */
class LinkAssert_Test {

  private static final AttributeKey<Long> BATCH_INDEX =
      AttributeKey.longKey("messaging.batch.index");

  /** A span of another service, never captured here. */
  private static final SpanContext ELSEWHERE =
      SpanContext.create(
          "0000000000000000000000000000000a",
          "000000000000000b",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  private final TestTraces traces = new TestTraces();
  private CaptureSession session;
  private Scope scope;

  /** The current test's session: linked spans in other traces are known by name through it. */
  @BeforeEach
  @SuppressWarnings("MustBeClosedChecker") // the scope spans the test: close() ends it
  void openSession() {
    session = traces.harness.openSession("links");
    scope = session.makeCurrent();
  }

  @AfterEach
  void close() {
    scope.close();
    session.close();
    traces.close();
  }

  /** "orders publish" in trace 1; "process batch" in trace 2 links to it and to ELSEWHERE. */
  private List<SpanData> consumer() {
    SpanContext producer = traces.record(span("orders publish", 0, 1)).get(0).getSpanContext();
    return traces.record(
        span("process batch", 2, 5)
            .with(s -> s.addLink(producer, Attributes.of(BATCH_INDEX, 0L)))
            .with(s -> s.addLink(ELSEWHERE)));
  }

  @Test
  void should_pass_checking_links_by_index_and_by_target_name() {
    assertThatTrace(consumer())
        .root()
        .link(0)
        .pointsToSpanNamed("orders publish")
        .hasTraceId("00000000000000000000000000000001")
        .hasSpanId("0000000000000001")
        .hasAttribute("messaging.batch.index", 0)
        .hasAttribute(BATCH_INDEX, 0L)
        .hasAttributesSatisfying(attributes -> assertThat(attributes.size()).isEqualTo(1))
        .containsAttributes(Attributes.of(BATCH_INDEX, 0L))
        .returnToSpan()
        .linkTo("orders publish")
        .hasSpanId("0000000000000001")
        .returnToSpan()
        .link(1)
        .hasTraceId(ELSEWHERE.getTraceId())
        .returnToSpan()
        .hasLinkCount(2);
  }

  @Test
  void should_fail_listing_the_links_when_the_index_is_past_them_or_there_are_none() {
    // GIVEN
    List<SpanData> spans = consumer();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().link(2))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [process batch] to have a link at index:
              2
            but it has 2 links:
              link 0: trace 00000000000000000000000000000001 span 0000000000000001 = span [orders publish] {messaging.batch.index=0}
              link 1: trace 0000000000000000000000000000000a span 000000000000000b (not captured here)

            trace 00000000000000000000000000000002 (1 span, 3.00 ms)
            └─ process batch [INTERNAL, UNSET, 3.00 ms] → link to span 0000000000000001 in trace 00000000000000000000000000000001 (not drawn) → link to span 000000000000000b in trace 0000000000000000000000000000000a (not drawn)  <-- expected a link at index 2""");
    List<SpanData> unlinked = traces.record(span("process batch", 6, 9));
    assertThatThrownBy(() -> assertThatTrace(unlinked).root().link(0))
        .hasMessage(
            """
            Expecting span [process batch] to have a link at index:
              0
            but it has 0 links:
              (none)

            trace 00000000000000000000000000000003 (1 span, 3.00 ms)
            └─ process batch [INTERNAL, UNSET, 3.00 ms]  <-- expected a link at index 0""");
  }

  @Test
  void should_fail_listing_the_links_when_none_points_to_the_name() {
    // GIVEN
    List<SpanData> spans = consumer();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().linkTo("orders publsh"))
        .hasMessage(
            """
            Expecting span [process batch] to have exactly one link to:
              span [orders publsh]
            but it has none; its links are:
              link 0: trace 00000000000000000000000000000001 span 0000000000000001 = span [orders publish] {messaging.batch.index=0}
              link 1: trace 0000000000000000000000000000000a span 000000000000000b (not captured here)

            trace 00000000000000000000000000000002 (1 span, 3.00 ms)
            └─ process batch [INTERNAL, UNSET, 3.00 ms] → link to span 0000000000000001 in trace 00000000000000000000000000000001 (not drawn) → link to span 000000000000000b in trace 0000000000000000000000000000000a (not drawn)  <-- expected a link to [orders publsh]""");
  }

  @Test
  void should_fail_not_knowing_the_linked_spans_name_when_no_session_is_current() {
    // GIVEN
    List<SpanData> spans = consumer();
    // WHEN/THEN: without the test's session, the other trace's spans are not known by name
    try (Scope noSession = Context.root().makeCurrent()) {
      assertThatThrownBy(() -> assertThatTrace(spans).root().linkTo("orders publish"))
          .hasMessage(
              """
              Expecting span [process batch] to have exactly one link to:
                span [orders publish]
              but it has none; its links are:
                link 0: trace 00000000000000000000000000000001 span 0000000000000001 (not captured here) {messaging.batch.index=0}
                link 1: trace 0000000000000000000000000000000a span 000000000000000b (not captured here)

              trace 00000000000000000000000000000002 (1 span, 3.00 ms)
              └─ process batch [INTERNAL, UNSET, 3.00 ms] → link to span 0000000000000001 in trace 00000000000000000000000000000001 (not drawn) → link to span 000000000000000b in trace 0000000000000000000000000000000a (not drawn)  <-- expected a link to [orders publish]""");
    }
  }

  @Test
  void should_fail_saying_how_to_pick_one_of_several_links_to_the_name() {
    // GIVEN
    SpanContext producer = traces.record(span("orders publish", 0, 1)).get(0).getSpanContext();
    List<SpanData> spans =
        traces.record(span("process batch", 2, 5).link(producer).link(ELSEWHERE).link(producer));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().linkTo("orders publish"))
        .hasMessage(
            """
            Expecting span [process batch] to have exactly one link to:
              span [orders publish]
            but it has 2; pick one by its index, link(0) or link(2); its links are:
              link 0: trace 00000000000000000000000000000001 span 0000000000000001 = span [orders publish]
              link 1: trace 0000000000000000000000000000000a span 000000000000000b (not captured here)
              link 2: trace 00000000000000000000000000000001 span 0000000000000001 = span [orders publish]

            trace 00000000000000000000000000000002 (1 span, 3.00 ms)
            └─ process batch [INTERNAL, UNSET, 3.00 ms] → link to span 0000000000000001 in trace 00000000000000000000000000000001 (not drawn) → link to span 000000000000000b in trace 0000000000000000000000000000000a (not drawn) → link to span 0000000000000001 in trace 00000000000000000000000000000001 (not drawn)  <-- 2 links to [orders publish]""");
  }

  @Test
  void should_fail_on_the_linked_span_and_the_link_attributes() {
    // GIVEN
    List<SpanData> spans = consumer();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().link(0).pointsToSpanNamed("refund"))
        .hasMessage(
            """
            Expecting link 0 of span [process batch] to point to:
              span [refund]
            but it points to span [orders publish] (trace 00000000000000000000000000000001 span 0000000000000001)

            trace 00000000000000000000000000000002 (1 span, 3.00 ms)
            └─ process batch [INTERNAL, UNSET, 3.00 ms] → link to span 0000000000000001 in trace 00000000000000000000000000000001 (not drawn) → link to span 000000000000000b in trace 0000000000000000000000000000000a (not drawn)  <-- link 0: expected to point to span [refund]""");
    assertThatThrownBy(() -> assertThatTrace(spans).root().link(1).pointsToSpanNamed("refund"))
        .hasMessageStartingWith(
            """
            Expecting link 1 of span [process batch] to point to:
              span [refund]
            but it points to trace 0000000000000000000000000000000a span 000000000000000b, which is neither in this trace nor among the current test's spans
            """);
    assertThatThrownBy(
            () -> assertThatTrace(spans).root().link(0).hasTraceId(ELSEWHERE.getTraceId()))
        .hasMessageStartingWith(
            """
            Expecting link 0 of span [process batch] to point to the trace:
              0000000000000000000000000000000a
            but it points to:
              00000000000000000000000000000001
            """);
    assertThatThrownBy(() -> assertThatTrace(spans).root().link(1).hasSpanId("0000000000000001"))
        .hasMessageStartingWith(
            """
            Expecting link 1 of span [process batch] to point to the span:
              0000000000000001
            but it points to:
              000000000000000b
            """);
    assertThatThrownBy(() -> assertThatTrace(spans).root().link(0).hasAttribute(BATCH_INDEX, 3L))
        .hasMessage(
            """
            Expecting link 0 of span [process batch] to have the attribute:
              messaging.batch.index=3
            but it has messaging.batch.index=0; its attributes are:
              messaging.batch.index=0

            trace 00000000000000000000000000000002 (1 span, 3.00 ms)
            └─ process batch [INTERNAL, UNSET, 3.00 ms] → link to span 0000000000000001 in trace 00000000000000000000000000000001 (not drawn) → link to span 000000000000000b in trace 0000000000000000000000000000000a (not drawn)  <-- link 0: expected messaging.batch.index=3""");
  }

  @Test
  void should_collect_link_failures_softly_and_skip_a_missing_link() {
    // GIVEN
    List<SpanData> spans = consumer();
    SoftTraceAssertions softly = new SoftTraceAssertions();
    // WHEN
    softly
        .assertThatTrace(spans)
        .root()
        .link(0)
        .pointsToSpanNamed("refund")
        .returnToSpan()
        .link(5)
        .hasAttribute("messaging.batch.index", 1)
        .returnToSpan()
        .linkTo("refund")
        .hasSpanId("0000000000000001");
    // THEN
    assertThat(softly.errorsCollected())
        .extracting(error -> error.getMessage().strip().lines().findFirst().orElseThrow())
        .containsExactly(
            "Expecting link 0 of span [process batch] to point to:",
            "Expecting span [process batch] to have a link at index:",
            "Expecting span [process batch] to have exactly one link to:");
  }

  @Test
  void should_throw_on_null_and_negative_arguments() {
    // GIVEN
    List<SpanData> spans = consumer();
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).root().link(-1))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("link(int index): index must not be negative, but got -1");
    assertThatThrownBy(() -> assertThatTrace(spans).root().linkTo(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("linkTo(String spanName): spanName must not be null");
    assertThatThrownBy(() -> assertThatTrace(spans).root().link(0).pointsToSpanNamed(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("pointsToSpanNamed(String name): name must not be null");
  }

  @Test
  void should_say_where_to_get_a_link_assert_when_created_directly() {
    // GIVEN
    LinkData link = consumer().get(0).getLinks().get(0);
    // WHEN/THEN
    assertThatThrownBy(() -> new LinkAssert<SpanAssert>(link).hasSpanId("0000000000000001"))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(
            "this LinkAssert does not know its span: obtain it from a span assert's link(..) or"
                + " linkTo(..)");
  }
}
