package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.LinkData;
import java.util.List;
import java.util.Optional;

/** Checks of a span's links to other spans. */
final class LinkChecks {

  private LinkChecks() {}

  /**
   * Fails unless the span links to {@code target} with at least {@code attributes}.
   *
   * @param described how the message names the target, e.g. "span [x] trace … span …"
   */
  static Optional<Failure> hasLinkTo(
      SpanNode span, SpanContext target, Attributes attributes, String described) {
    Optional<LinkData> link = findLink(span, target);
    if (link.isPresent() && AttributeChecks.containsAll(link.get().getAttributes(), attributes)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected a link",
            SpanMessages.shouldHaveLink(span, described),
            SpanMessages.links(span.span().getLinks()),
            described));
  }

  static Optional<Failure> hasLinkCount(SpanNode span, int expected) {
    List<LinkData> links = span.span().getLinks();
    if (links.size() == expected) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected " + Layout.count(expected, "link", "links"),
            SpanMessages.shouldHaveLinkCount(span, expected),
            links.size(),
            expected));
  }

  /** The link to the span with {@code target}'s trace and span id, whatever its flags. */
  static Optional<LinkData> findLink(SpanNode span, SpanContext target) {
    return span.span().getLinks().stream()
        .filter(
            link ->
                link.getSpanContext().getTraceId().equals(target.getTraceId())
                    && link.getSpanContext().getSpanId().equals(target.getSpanId()))
        .findFirst();
  }

  /** Counts links as sdk-testing does: the ones dropped by the span limits too. */
  static Optional<Failure> hasTotalRecordedLinks(SpanNode span, int expected) {
    int total = span.span().getTotalRecordedLinks();
    if (total == expected) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected " + Layout.count(expected, "link", "links"),
            SpanMessages.shouldHaveRecorded(
                span, "links", expected, total, span.span().getLinks().size()),
            total,
            expected));
  }
}
