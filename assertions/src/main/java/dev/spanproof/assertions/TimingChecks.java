package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Optional;

/** Checks of when spans and traces ran, and for how long. */
final class TimingChecks {

  private TimingChecks() {}

  static Optional<Failure> hasDurationAtMost(SpanNode span, Duration max) {
    if (span.duration().compareTo(max) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected at most " + Durations.format(max),
            SpanMessages.shouldHaveDuration(
                span, "at most", Durations.format(max), Durations.format(span.duration())),
            span.duration(),
            max));
  }

  static Optional<Failure> hasDurationAtLeast(SpanNode span, Duration min) {
    if (span.duration().compareTo(min) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected at least " + Durations.format(min),
            SpanMessages.shouldHaveDuration(
                span, "at least", Durations.format(min), Durations.format(span.duration())),
            span.duration(),
            min));
  }

  static Optional<Failure> startsAndEndsWithinParent(SpanNode span) {
    if (span.parent().isEmpty()) {
      return Optional.of(TreeChecks.noParent(span));
    }
    SpanData parent = span.parent().get().span();
    SpanData data = span.span();
    String problem;
    if (data.getStartEpochNanos() < parent.getStartEpochNanos()) {
      problem =
          "it started "
              + Durations.format(parent.getStartEpochNanos() - data.getStartEpochNanos())
              + " before its parent";
    } else if (data.getEndEpochNanos() > parent.getEndEpochNanos()) {
      problem =
          "it ended "
              + Durations.format(data.getEndEpochNanos() - parent.getEndEpochNanos())
              + " after its parent";
    } else {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            problem,
            SpanMessages.shouldBeWithinParent(span, problem),
            problem,
            "within parent"));
  }

  /** Fails unless the span ended before (or as) the unique span named {@code other} started. */
  static Optional<Failure> endsBeforeStartOf(SpanNode span, Trace trace, String other) {
    Lookup<SpanNode> later = TreeChecks.spanNamed(trace, other);
    if (!later.isFound()) {
      return Optional.of(later.failure());
    }
    long end = span.span().getEndEpochNanos();
    long start = later.found().span().getStartEpochNanos();
    if (end <= start) {
      return Optional.empty();
    }
    String gap = Durations.format(end - start);
    return Optional.of(
        at(
            span,
            "ends " + gap + " after [" + other + "] starts",
            SpanMessages.shouldEndBeforeStartOf(span, later.found(), gap),
            gap,
            "0 ns"));
  }

  static Optional<Failure> hasDurationAtMost(Trace trace, Duration max) {
    if (trace.duration().compareTo(max) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.of(
            TraceMessages.shouldHaveDurationAtMost(
                trace, Durations.format(max), Durations.format(trace.duration())),
            trace.duration(),
            max));
  }

  static Optional<Failure> startsAt(SpanNode span, long epochNanos) {
    long start = span.span().getStartEpochNanos();
    if (start == epochNanos) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected start " + SpanMessages.instant(epochNanos),
            SpanMessages.shouldStartAt(span, epochNanos),
            start,
            epochNanos));
  }

  static Optional<Failure> endsAt(SpanNode span, long epochNanos) {
    long end = span.span().getEndEpochNanos();
    if (end == epochNanos) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected end " + SpanMessages.instant(epochNanos),
            SpanMessages.shouldEndAt(span, epochNanos),
            end,
            epochNanos));
  }
}
