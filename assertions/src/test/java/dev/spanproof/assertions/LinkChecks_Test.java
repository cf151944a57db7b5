package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The link checker on its own. */
class LinkChecks_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  @Test
  void should_find_a_link_by_trace_and_span_id_only() {
    traces.record(span("publish", 0, 1));
    SpanContext producer = traces.contextOf("publish");
    SpanNode consumer =
        Trace.of(traces.record(span("process", 2, 5).link(producer))).roots().get(0);
    assertThat(LinkChecks.findLink(consumer, producer)).isPresent();
    assertThat(LinkChecks.hasLinkTo(consumer, producer, Attributes.empty(), "publish")).isEmpty();
    assertThat(LinkChecks.hasLinkCount(consumer, 1)).isEmpty();
  }

  @Test
  void should_fail_when_the_link_lacks_attributes() {
    traces.record(span("publish", 0, 1));
    SpanContext producer = traces.contextOf("publish");
    SpanNode consumer =
        Trace.of(traces.record(span("process", 2, 5).link(producer))).roots().get(0);
    Failure failure =
        LinkChecks.hasLinkTo(
                consumer,
                producer,
                Attributes.of(AttributeKey.stringKey("batch.index"), "0"),
                "publish {batch.index=0}")
            .orElseThrow();
    assertThat(failure.marks()).containsExactly(Map.entry(consumer, "expected a link"));
    assertThat(failure.expected()).isEqualTo("publish {batch.index=0}");
  }
}
