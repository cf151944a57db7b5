package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.sdk.trace.data.LinkData;
import java.util.ArrayList;
import java.util.List;

/**
 * The lookups behind {@code link(..)} and {@code linkTo(..)}: the index of a span's link, chosen by
 * position or by the name of the span it points to.
 */
final class LinkNavigation {

  private LinkNavigation() {}

  /** The span's {@code index}-th link, counting from 0 in the order they were added. */
  static Located<Integer> link(SpanNode span, LinkTargets targets, int index) {
    List<LinkData> links = span.span().getLinks();
    if (index < links.size()) {
      return Located.found(index);
    }
    return Located.failed(
        at(
            span,
            "expected a link at index " + index,
            PartMessages.shouldHaveLinkAt(span, index, targets.describeAll(links)),
            links.size(),
            index + 1));
  }

  /** The span's only link to a captured span named {@code name}, and its index. */
  static Located<Integer> linkTo(SpanNode span, LinkTargets targets, String name) {
    List<LinkData> links = span.span().getLinks();
    List<Integer> matching = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      if (targets.nameOf(links.get(i)).map(name::equals).orElse(false)) {
        matching.add(i);
      }
    }
    if (matching.size() == 1) {
      return Located.found(matching.get(0));
    }
    String described = targets.describeAll(links);
    if (matching.isEmpty()) {
      return Located.failed(
          at(
              span,
              "expected a link to " + Layout.span(name),
              PartMessages.shouldLinkToSpanNamed(span, name, described),
              described,
              Layout.span(name)));
    }
    return Located.failed(
        at(
            span,
            matching.size() + " links to " + Layout.span(name),
            PartMessages.shouldHaveOneLinkTo(span, name, matching, described),
            matching.size(),
            1));
  }
}
