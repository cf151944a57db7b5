package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.Optional;

/** Checks of the span a link points to, by its name. */
final class LinkTargetChecks {

  private LinkTargetChecks() {}

  /**
   * The link points to a span named {@code name} among {@code known}, the spans it can be named
   * from.
   */
  static Optional<Failure> pointsToSpanNamed(
      SpanNode span, Part part, LinkData link, Collection<SpanData> known, String name) {
    Optional<String> actual = nameOf(link.getSpanContext(), known);
    if (actual.map(name::equals).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            part.note("expected to point to " + Layout.span(name)),
            PartMessages.shouldPointToSpanNamed(
                part, name, actual.orElse(null), SpanMessages.context(link.getSpanContext())),
            actual.orElse(null),
            name));
  }

  private static Optional<String> nameOf(SpanContext target, Collection<SpanData> known) {
    return known.stream()
        .filter(
            data ->
                data.getTraceId().equals(target.getTraceId())
                    && data.getSpanId().equals(target.getSpanId()))
        .map(SpanData::getName)
        .findFirst();
  }
}
