package dev.spanproof.assertions;

import static dev.spanproof.assertions.TestTraces.span;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timing checks at their bounds: instants that touch count as in order, so a span that starts with
 * its parent, or a step that starts the nanosecond the previous ended, passes.
 */
class SpanAssert_timingBoundaries_Test {

  private final TestTraces traces = new TestTraces();

  @AfterEach
  void close() {
    traces.close();
  }

  private static long at(long millis) {
    return TestTraces.BASE_NANOS + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void should_pass_on_a_child_that_starts_and_ends_with_its_parent() {
    // GIVEN
    List<SpanData> spans = traces.record(span("handle", 0, 10, span("work", 0, 10)));
    // WHEN/THEN
    assertThatTrace(spans).span("work").startsAndEndsWithinParent();
  }

  @Test
  void should_pass_on_a_span_that_ends_the_instant_the_next_starts() {
    // GIVEN
    List<SpanData> spans =
        traces.record(span("handle", 0, 10, span("read", 0, 4), span("write", 4, 10)));
    // WHEN/THEN
    assertThatTrace(spans).span("read").endsBeforeStartOf("write");
  }

  @Test
  void should_pass_on_events_at_the_first_and_last_instant_of_their_span() {
    // GIVEN
    List<SpanData> spans =
        traces.record(
            span("handle", 2, 8)
                .with(s -> s.addEvent("received", at(2), TimeUnit.NANOSECONDS))
                .with(s -> s.addEvent("acknowledged", at(2), TimeUnit.NANOSECONDS))
                .with(s -> s.addEvent("replied", at(8), TimeUnit.NANOSECONDS)));
    // WHEN/THEN
    assertThatTrace(spans)
        .root()
        .event("received")
        .occursWithinSpan()
        .returnToSpan()
        .event("replied")
        .occursWithinSpan()
        .returnToSpan()
        .event("acknowledged")
        .occursAfter("received");
  }
}
