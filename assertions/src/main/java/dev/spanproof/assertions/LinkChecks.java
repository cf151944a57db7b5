package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** The span's link at {@code index}, counting from 0 in the order the links were added. */
  static Lookup<LinkData> link(SpanNode span, Collection<SpanData> known, int index) {
    List<LinkData> links = span.span().getLinks();
    if (index < links.size()) {
      return Lookup.found(links.get(index));
    }
    return Lookup.failed(
        at(
            span,
            "expected a link at index " + index,
            SpanMessages.shouldHaveLinkAt(span, index, describe(links, namesOf(known))),
            links.size(),
            index + 1));
  }

  /**
   * The span's only link to a span named {@code name}, among the spans it can name: {@code known}.
   */
  static Lookup<LinkData> linkTo(SpanNode span, Collection<SpanData> known, String name) {
    Map<String, String> names = namesOf(known);
    List<LinkData> matching =
        span.span().getLinks().stream()
            .filter(link -> name.equals(names.get(key(link.getSpanContext()))))
            .toList();
    if (matching.size() == 1) {
      return Lookup.found(matching.get(0));
    }
    List<String> targets = describe(span.span().getLinks(), names);
    List<LinkData> links = span.span().getLinks();
    // By index, not indexOf: two links to the same span with the same attributes are equal.
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      if (name.equals(names.get(key(links.get(i).getSpanContext())))) {
        picks.add("link(" + i + ")");
      }
    }
    return Lookup.failed(
        at(
            span,
            matching.isEmpty()
                ? "expected a link to [" + name + "]"
                : matching.size() + " links to [" + name + "]",
            SpanMessages.shouldHaveOneLinkTo(span, name, matching.size(), picks, targets),
            matching.size(),
            1));
  }

  /** The names of the spans links can point to, by trace id and span id. */
  private static Map<String, String> namesOf(Collection<SpanData> known) {
    Map<String, String> names = new HashMap<>();
    known.forEach(data -> names.put(data.getTraceId() + data.getSpanId(), data.getName()));
    return names;
  }

  /**
   * One line per link, with the index that {@code link(i)} takes and the name of the span it points
   * to where it was captured: "link 0: trace … span … = span [publish] {attributes}".
   */
  private static List<String> describe(List<LinkData> links, Map<String, String> names) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      LinkData link = links.get(i);
      lines.add(
          "link "
              + i
              + ": "
              + SpanMessages.context(link.getSpanContext())
              + Optional.ofNullable(names.get(key(link.getSpanContext())))
                  .map(target -> " = span [" + target + "]")
                  .orElse(" (not captured here)")
              + (link.getAttributes().isEmpty()
                  ? ""
                  : " " + SpanMessages.inline(link.getAttributes())));
    }
    return lines;
  }

  private static String key(SpanContext context) {
    return context.getTraceId() + context.getSpanId();
  }

  static Optional<Failure> hasTraceId(
      SpanNode span, LinkData link, String described, String traceId) {
    String actual = link.getSpanContext().getTraceId();
    if (actual.equals(traceId)) {
      return Optional.empty();
    }
    Part part = Part.of(span, link, described);
    return Optional.of(
        at(
            span,
            part.note("expected trace " + traceId),
            SpanMessages.shouldPointTo(part.subject(), "the trace", traceId, actual),
            actual,
            traceId));
  }

  static Optional<Failure> hasSpanId(
      SpanNode span, LinkData link, String described, String spanId) {
    String actual = link.getSpanContext().getSpanId();
    if (actual.equals(spanId)) {
      return Optional.empty();
    }
    Part part = Part.of(span, link, described);
    return Optional.of(
        at(
            span,
            part.note("expected span " + spanId),
            SpanMessages.shouldPointTo(part.subject(), "the span", spanId, actual),
            actual,
            spanId));
  }
}
