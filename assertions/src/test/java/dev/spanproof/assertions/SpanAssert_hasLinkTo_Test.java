package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpanAssert_hasLinkTo_Test {

  private static final AttributeKey<String> QUEUE =
      AttributeKey.stringKey("messaging.destination.name");

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_pass_on_a_link_to_a_span_its_context_and_its_attributes() {
    // GIVEN a producer trace, then a consumer that links to it
    SpanData produced = traces.record(span("publish", 0, 1)).get(0);
    SpanContext producer = produced.getSpanContext();
    List<SpanData> consumer =
        traces.record(
            span("process batch", 2, 5)
                .with(s -> s.addLink(producer, Attributes.of(QUEUE, "orders"))));
    // WHEN/THEN
    assertThatTrace(consumer)
        .root()
        .hasLinkTo(produced)
        .hasLinkTo(producer)
        .hasLinkTo(producer, Attributes.of(QUEUE, "orders"))
        .hasLinkCount(1);
  }

  @Test
  void should_fail_listing_the_links() {
    // GIVEN
    SpanContext producer = traces.record(span("publish", 0, 1)).get(0).getSpanContext();
    SpanContext other = traces.record(span("publish other", 1, 2)).get(0).getSpanContext();
    List<SpanData> consumer = traces.record(span("process batch", 2, 5).link(producer));
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(consumer).root().hasLinkTo(other))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            """
            Expecting span [process batch] to link to:
              trace 00000000000000000000000000000002 span 0000000000000002
            but its links are:
              trace 00000000000000000000000000000001 span 0000000000000001

            trace 00000000000000000000000000000003 (1 span, 3.00 ms)
            └─ process batch [INTERNAL, UNSET, 3.00 ms] → link to span 0000000000000001 in trace \
            00000000000000000000000000000001 (not drawn)  <-- expected a link""");
  }

  @Test
  void should_fail_on_link_attributes_and_count() {
    // GIVEN
    SpanContext producer = traces.record(span("publish", 0, 1)).get(0).getSpanContext();
    List<SpanData> consumer = traces.record(span("process batch", 2, 5).link(producer));
    // WHEN/THEN
    assertThatThrownBy(
            () ->
                assertThatTrace(consumer)
                    .root()
                    .hasLinkTo(producer, Attributes.of(QUEUE, "orders")))
        .hasMessageStartingWith(
            """
            Expecting span [process batch] to link to:
              trace 00000000000000000000000000000001 span 0000000000000001 {messaging.destination.name=orders}
            but its links are:
              trace 00000000000000000000000000000001 span 0000000000000001
            """);
    assertThatThrownBy(() -> assertThatTrace(consumer).root().hasLinkCount(2))
        .hasMessageStartingWith(
            """
            Expecting span [process batch] to have this many links:
              2
            but its 1 links are:
              trace 00000000000000000000000000000001 span 0000000000000001
            """);
  }
}
