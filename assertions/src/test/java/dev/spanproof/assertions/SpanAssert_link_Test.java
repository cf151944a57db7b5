package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.CaptureSession;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpanAssert_link_Test {

  private static final AttributeKey<String> QUEUE =
      AttributeKey.stringKey("messaging.destination.name");

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_navigate_to_a_link_by_index_and_by_the_name_of_its_target() {
    try (CaptureSession session = traces.harness.openSession("links");
        Scope ignored = session.makeCurrent()) {
      // GIVEN a producer trace, then a consumer in another trace that links to it
      SpanContext producer = traces.record(span("orders publish", 0, 1)).get(0).getSpanContext();
      List<SpanData> consumer =
          traces.record(
              span("process batch", 2, 5)
                  .with(s -> s.addLink(producer, Attributes.of(QUEUE, "orders"))));
      // WHEN/THEN: the current test's spans name the link's target
      assertThatTrace(consumer)
          .root()
          .linkTo("orders publish")
          .hasTraceId(producer.getTraceId())
          .hasSpanId(producer.getSpanId())
          .hasAttribute(QUEUE, "orders")
          .containsAttributes(Attributes.of(QUEUE, "orders"))
          .returnToSpan()
          .link(0)
          .hasAttribute("messaging.destination.name", "orders");
    }
  }

  @Test
  void should_fail_on_a_link_attribute_naming_the_link() {
    SpanContext producer = traces.record(span("publish", 0, 1)).get(0).getSpanContext();
    List<SpanData> consumer =
        traces.record(
            span("process batch", 2, 5)
                .with(s -> s.addLink(producer, Attributes.of(QUEUE, "orders"))));
    assertThatThrownBy(
            () -> assertThatTrace(consumer).root().link(0).hasAttribute(QUEUE, "payments"))
        .hasMessage(
            """
            Expecting link 0 of span [process batch] to have the attribute:
              messaging.destination.name=payments
            but it has messaging.destination.name=orders; its attributes are:
              messaging.destination.name=orders

            trace 00000000000000000000000000000002 (1 span, 3.00 ms)
            └─ process batch [INTERNAL, UNSET, 3.00 ms] → link to span 0000000000000001 in trace \
            00000000000000000000000000000001 (not drawn)  <-- link 0: expected messaging.destination.name=payments""");
  }

  @Test
  void should_fail_on_a_link_index_beyond_the_links() {
    List<SpanData> alone = traces.record(span("process batch", 2, 5));
    assertThatThrownBy(() -> assertThatTrace(alone).root().link(0))
        .hasMessageStartingWith(
            """
            Expecting span [process batch] to have a link at index:
              0
            but it has 0 links:
              (none)
            """);
    assertThatThrownBy(() -> assertThatTrace(alone).root().link(-1))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("link(int index): index must not be negative, but got -1");
  }

  @Test
  void should_fail_on_a_link_to_an_unknown_name_listing_what_the_links_point_to() {
    SpanContext producer = traces.record(span("publish", 0, 1)).get(0).getSpanContext();
    List<SpanData> consumer = traces.record(span("process batch", 2, 5).link(producer));
    // No session is current, so the producer's trace is not known here.
    assertThatThrownBy(() -> assertThatTrace(consumer).root().linkTo("publish"))
        .hasMessageStartingWith(
            """
            Expecting span [process batch] to have exactly one link to:
              span [publish]
            but it has none; its links are:
              link 0: trace 00000000000000000000000000000001 span 0000000000000001 (not captured here)
            """)
        .hasMessageEndingWith("<-- expected a link to [publish]");
  }
}
