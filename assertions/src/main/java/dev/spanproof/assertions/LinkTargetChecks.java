package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import io.opentelemetry.sdk.trace.data.LinkData;
import java.util.Optional;

/** Checks of where one link points: the trace and span ids, the linked span's name. */
final class LinkTargetChecks {

  private LinkTargetChecks() {}

  static Optional<Failure> hasTraceId(Part part, LinkData link, String traceId) {
    String actual = link.getSpanContext().getTraceId();
    if (actual.equals(traceId)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            part.span(),
            part.label() + ": expected trace " + traceId,
            PartMessages.shouldPointInto(part, "trace", traceId, actual),
            actual,
            traceId));
  }

  static Optional<Failure> hasSpanId(Part part, LinkData link, String spanId) {
    String actual = link.getSpanContext().getSpanId();
    if (actual.equals(spanId)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            part.span(),
            part.label() + ": expected span " + spanId,
            PartMessages.shouldPointInto(part, "span id", spanId, actual),
            actual,
            spanId));
  }

  static Optional<Failure> pointsToSpanNamed(
      Part part, LinkData link, LinkTargets targets, String name) {
    Optional<String> actual = targets.nameOf(link);
    if (actual.map(name::equals).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            part.span(),
            part.label() + ": expected to point to " + Layout.span(name),
            PartMessages.shouldPointToSpanNamed(
                part, name, actual.orElse(null), SpanMessages.context(link.getSpanContext())),
            actual.orElse(null),
            name));
  }
}
