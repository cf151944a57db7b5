package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Optional;

/** Checks of when an event occurred: within its span, after another event. */
final class EventTimingChecks {

  private EventTimingChecks() {}

  /** The event is no earlier than the span's start and no later than its end. */
  static Optional<Failure> occursWithinSpan(SpanNode node, EventData event) {
    Part part = Part.of(node, event);
    SpanData span = node.span();
    long at = event.getEpochNanos();
    if (at >= span.getStartEpochNanos() && at <= span.getEndEpochNanos()) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            node,
            part.note("at " + PartMessages.offset(span, at) + ", outside the span"),
            PartMessages.shouldOccurWithinSpan(part, span, at),
            PartMessages.offset(span, at),
            PartMessages.spanInterval(span)));
  }

  /** The event is at or after the span's first event named {@code other}. */
  static Optional<Failure> occursAfter(SpanNode node, EventData event, String other) {
    Part part = Part.of(node, event);
    SpanData span = node.span();
    Optional<EventData> earlier =
        span.getEvents().stream()
            .filter(candidate -> candidate.getName().equals(other))
            .findFirst();
    if (earlier.isPresent() && event.getEpochNanos() >= earlier.get().getEpochNanos()) {
      return Optional.empty();
    }
    String note =
        earlier.isPresent()
            ? part.note("expected after " + Layout.quote(other))
            : part.note("no event " + Layout.quote(other) + " to follow");
    return Optional.of(
        at(
            node,
            note,
            PartMessages.shouldOccurAfter(part, node, event, other, earlier.orElse(null)),
            PartMessages.offset(span, event.getEpochNanos()),
            "after " + other));
  }
}
