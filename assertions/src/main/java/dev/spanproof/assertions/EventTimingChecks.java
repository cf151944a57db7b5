package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Optional;

/** Checks of when an event occurred: its timestamp, within its span, after another event. */
final class EventTimingChecks {

  private EventTimingChecks() {}

  static Optional<Failure> hasTimestamp(Part part, EventData event, long epochNanos) {
    if (event.getEpochNanos() == epochNanos) {
      return Optional.empty();
    }
    SpanData span = part.span().span();
    return Optional.of(
        at(
            part.span(),
            part.label() + ": expected at " + PartMessages.offset(span, epochNanos),
            PartMessages.shouldHaveTimestamp(part, epochNanos, event.getEpochNanos()),
            PartMessages.instant(span, event.getEpochNanos()),
            PartMessages.instant(span, epochNanos)));
  }

  /** The event is no earlier than the span's start and no later than its end. */
  static Optional<Failure> occursWithinSpan(Part part, EventData event) {
    SpanData span = part.span().span();
    long at = event.getEpochNanos();
    if (at >= span.getStartEpochNanos() && at <= span.getEndEpochNanos()) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            part.span(),
            part.label() + ": at " + PartMessages.offset(span, at) + ", outside the span",
            PartMessages.shouldOccurWithinSpan(part, at),
            PartMessages.offset(span, at),
            PartMessages.spanInterval(span)));
  }

  /** The event is at or after the span's first event named {@code other}. */
  static Optional<Failure> occursAfter(Part part, EventData event, String other) {
    SpanData span = part.span().span();
    Optional<EventData> earlier =
        span.getEvents().stream()
            .filter(candidate -> candidate.getName().equals(other))
            .findFirst();
    if (earlier.isPresent() && event.getEpochNanos() >= earlier.get().getEpochNanos()) {
      return Optional.empty();
    }
    String note =
        earlier.isPresent()
            ? part.label() + ": expected after " + Layout.quote(other)
            : part.label() + ": no event " + Layout.quote(other) + " to follow";
    return Optional.of(
        at(
            part.span(),
            note,
            PartMessages.shouldOccurAfter(part, event, other, earlier.orElse(null)),
            PartMessages.offset(span, event.getEpochNanos()),
            "after " + other));
  }
}
