package dev.spanproof.assertions;

import static dev.spanproof.assertions.Layout.expecting;
import static dev.spanproof.assertions.Layout.quote;
import static dev.spanproof.assertions.Layout.span;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Failure messages about one span: its place in the tree, kind, status, attributes, events, links,
 * timing.
 */
final class SpanMessages {

  private SpanMessages() {}

  static String shouldHaveName(SpanNode node, String expected) {
    return expecting(
        span(node), "have the name", quote(expected), "its name is", quote(node.name()));
  }

  static String shouldHaveParent(SpanNode node, String expected) {
    return expecting(span(node), "have the parent", "span [" + expected + "]", whereItHangs(node));
  }

  static String shouldBeRoot(SpanNode node) {
    return expecting(span(node), "be a root", "no parent", whereItHangs(node));
  }

  static String shouldHaveRemoteParent(SpanNode node, String expectedParentId) {
    return expecting(
        span(node),
        "continue a remote parent",
        expectedParentId == null ? "any remote span" : expectedParentId,
        node.hasRemoteParent()
            ? "its remote parent is " + node.parentSpanId()
            : whereItHangs(node));
  }

  /** "it is a root", "its parent is span [x]", and so on: where the span is in the tree. */
  static String whereItHangs(SpanNode node) {
    if (node.parent().isPresent()) {
      return "its parent is " + span(node.parent().get());
    }
    if (node.isOrphan()) {
      return "it is an orphan: its parent " + node.parentSpanId() + " was never captured";
    }
    if (node.hasRemoteParent()) {
      return "it continues the remote parent " + node.parentSpanId();
    }
    return "it is a root";
  }

  static String shouldHaveKind(SpanNode node, Object expected) {
    return expecting(span(node), "have the kind", expected, "it has", node.span().getKind());
  }

  static String shouldHaveStatus(SpanNode node, String expected) {
    return expecting(
        span(node), "have the status", expected, "it has", status(node.span().getStatus()));
  }

  static String status(StatusData status) {
    return status.getDescription().isEmpty()
        ? status.getStatusCode().toString()
        : status.getStatusCode() + " " + quote(status.getDescription());
  }

  /**
   * @param expected the expected attribute as {@code key=value}, with its type when it matters
   */
  /**
   * @param subject what should have it, e.g. "span [x]" or "event \"y\" of span [x]"
   * @param all the subject's attributes
   */
  static String shouldHaveAttribute(String subject, String expected, String found, Attributes all) {
    return expecting(
        subject, "have the attribute", expected, found + "; its attributes are", attributes(all));
  }

  static String shouldHaveAttributeMatching(
      SpanNode node, String key, String requirement, String found) {
    return expecting(span(node), "have an attribute " + key + " that", requirement, found);
  }

  static String shouldHaveExactlyAttributes(SpanNode node, Attributes expected) {
    return expecting(
        span(node),
        "have exactly the attributes",
        attributes(expected),
        "it has",
        attributes(node.span().getAttributes()));
  }

  static String shouldContainAttributes(
      String subject, Attributes expected, List<String> missing, Attributes all) {
    return expecting(
        subject,
        "contain the attributes",
        attributes(expected),
        "these are missing or differ: " + missing + "; its attributes are",
        attributes(all));
  }

  static String shouldNotHaveAttribute(SpanNode node, String key, Object value) {
    return expecting(span(node), "not have the attribute", key, "it has " + key + "=" + value);
  }

  static String shouldHaveResourceAttribute(SpanNode node, String key, Object expected) {
    return expecting(
        span(node),
        "have the resource attribute",
        key + "=" + expected,
        "its resource is",
        attributes(node.span().getResource().getAttributes()));
  }

  static String shouldHaveBaggage(SpanNode node, String key, String value, Baggage baggage) {
    return expecting(
        span(node),
        "have started with the baggage",
        key + "=" + value,
        "the baggage where it started was",
        baggage(baggage));
  }

  static String shouldHaveBaggageButUnknown(SpanNode node, String key, String value) {
    return expecting(
        span(node),
        "have started with the baggage",
        key + "=" + value,
        "no spanproof harness captured this span, so its baggage is unknown: baggage can be checked"
            + " for spans a spanproof harness captured, not for spans exported elsewhere");
  }

  /** Baggage entries sorted by key, one per line; "(none)" when empty. */
  static String baggage(Baggage baggage) {
    if (baggage.isEmpty()) {
      return "(none)";
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    baggage.forEach((key, entry) -> sorted.put(key, entry.getValue()));
    return sorted.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining("\n"));
  }

  static String shouldHaveScope(SpanNode node, String expected) {
    return expecting(
        span(node),
        "come from the instrumentation scope",
        quote(expected),
        "it comes from",
        quote(node.span().getInstrumentationScopeInfo().getName()));
  }

  /** Attributes sorted by key, one per line; "(none)" when empty. */
  static String attributes(Attributes attributes) {
    if (attributes.isEmpty()) {
      return "(none)";
    }
    TreeMap<String, Object> sorted = new TreeMap<>();
    // A stack trace is a page of text: say it is there, the tree below says where.
    attributes.forEach(
        (key, value) ->
            sorted.put(
                key.getKey(), key.getKey().equals("exception.stacktrace") ? "(present)" : value));
    return sorted.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n"));
  }

  static String shouldHaveEvent(SpanNode node, String description) {
    return expecting(
        span(node),
        "have the event",
        description,
        "its events are",
        events(node.span().getEvents()));
  }

  static String shouldHaveEventsInOrder(SpanNode node, List<String> expected) {
    return expecting(
        span(node),
        "have these events in this order",
        expected,
        "its events are",
        events(node.span().getEvents()));
  }

  static String shouldHaveNoEvents(SpanNode node) {
    return expecting(
        span(node), "have events", "none", "its events are", events(node.span().getEvents()));
  }

  static String events(List<EventData> events) {
    if (events.isEmpty()) {
      return "(none)";
    }
    return events.stream()
        .map(
            event ->
                event.getAttributes().isEmpty()
                    ? event.getName()
                    : event.getName() + " " + inline(event.getAttributes()))
        .collect(Collectors.joining("\n"));
  }

  static String inline(Attributes attributes) {
    return attributes(attributes).lines().collect(Collectors.joining(", ", "{", "}"));
  }

  static String shouldHaveException(SpanNode node, String expected, List<EventData> exceptions) {
    return expecting(
        span(node),
        "have recorded the exception",
        expected,
        exceptions.isEmpty() ? "it recorded none; its events are" : "it recorded",
        exceptions.isEmpty() ? events(node.span().getEvents()) : events(exceptions));
  }

  static String shouldHaveNoException(SpanNode node, List<EventData> exceptions) {
    return expecting(
        span(node), "have recorded", "no exception", "it recorded", events(exceptions));
  }

  static String shouldHaveLink(SpanNode node, String expected) {
    return expecting(
        span(node), "link to", expected, "its links are", links(node.span().getLinks()));
  }

  static String shouldHaveLinkCount(SpanNode node, int expected) {
    return expecting(
        span(node),
        "have this many links",
        expected,
        "its " + node.span().getLinks().size() + " links are",
        links(node.span().getLinks()));
  }

  static String links(List<LinkData> links) {
    if (links.isEmpty()) {
      return "(none)";
    }
    return links.stream()
        .map(
            link ->
                context(link.getSpanContext())
                    + (link.getAttributes().isEmpty() ? "" : " " + inline(link.getAttributes())))
        .collect(Collectors.joining("\n"));
  }

  static String context(SpanContext context) {
    return "trace " + context.getTraceId() + " span " + context.getSpanId();
  }

  static String shouldHaveDuration(SpanNode node, String relation, String bound, String actual) {
    return expecting(span(node), "last " + relation, bound, "it lasted", actual);
  }

  static String shouldBeWithinParent(SpanNode node, String problem) {
    return expecting(
        span(node), "start and end within its parent", span(node.parent().get()), problem);
  }

  static String shouldEndBeforeStartOf(SpanNode node, SpanNode other, String gap) {
    return expecting(
        span(node),
        "end before the start of",
        span(other),
        "it ended " + gap + " after it started");
  }

  static String shouldHaveTraceId(SpanNode node, String expected) {
    return expecting(
        span(node), "belong to the trace", expected, "it belongs to", node.span().getTraceId());
  }

  static String shouldHaveChildren(SpanNode node, List<String> expected, boolean ordered) {
    return expecting(
        span(node),
        "have exactly the children" + (ordered ? " in start order" : " in any order"),
        expected,
        "its children are",
        Layout.names(node.children()));
  }

  static String shouldHaveChildCount(SpanNode node, int expected) {
    return expecting(
        span(node),
        "have this many children",
        expected,
        "it has " + node.children().size(),
        Layout.names(node.children()));
  }

  static String shouldHaveChildrenNamed(SpanNode node, String name, int expected, int actual) {
    return expecting(
        span(node), "have this many children named " + quote(name), expected, "it has", actual);
  }

  static String shouldHaveChildNamed(SpanNode node, String name, List<SpanNode> nearMisses) {
    return expecting(
        span(node),
        "have a child named",
        quote(name),
        "its children are " + Layout.names(node.children()) + TraceMessages.didYouMean(nearMisses));
  }

  static String shouldHaveDescendant(
      SpanNode node, String name, List<SpanNode> below, List<SpanNode> nearMisses) {
    return expecting(
        span(node),
        "have a descendant named",
        quote(name),
        (below.isEmpty() ? "it has no descendants" : "it has none")
            + TraceMessages.didYouMean(nearMisses));
  }

  static String shouldHaveSpanId(SpanNode node, String expected) {
    return expecting(span(node), "have the span id", expected, "its span id is", node.spanId());
  }

  static String shouldHaveParentSpanId(SpanNode node, String expected) {
    return expecting(
        span(node),
        "have the parent span id",
        expected,
        "its parent span id is",
        node.parentSpanId() + " (" + whereItHangs(node) + ")");
  }

  static String shouldHaveEnded(SpanNode node) {
    return expecting(span(node), "have ended", "an end time", "it is still running");
  }

  static String shouldHaveResource(SpanNode node, Resource expected) {
    return expecting(
        span(node),
        "have the resource",
        resource(expected),
        "its resource is",
        resource(node.span().getResource()));
  }

  /** The resource's attributes, and its schema URL when it has one. */
  static String resource(Resource resource) {
    String attributes = attributes(resource.getAttributes());
    return resource.getSchemaUrl() == null
        ? attributes
        : attributes + "\nschema " + resource.getSchemaUrl();
  }

  static String shouldHaveScopeInfo(SpanNode node, InstrumentationScopeInfo expected) {
    return expecting(
        span(node),
        "come from the instrumentation scope",
        scope(expected),
        "it comes from",
        scope(node.span().getInstrumentationScopeInfo()));
  }

  /** "name" version 1.2 schema https://… {attributes}: the parts that are set. */
  static String scope(InstrumentationScopeInfo scope) {
    StringBuilder out = new StringBuilder(quote(scope.getName()));
    if (scope.getVersion() != null) {
      out.append(" version ").append(scope.getVersion());
    }
    if (scope.getSchemaUrl() != null) {
      out.append(" schema ").append(scope.getSchemaUrl());
    }
    if (!scope.getAttributes().isEmpty()) {
      out.append(' ').append(inline(scope.getAttributes()));
    }
    return out.toString();
  }

  /**
   * @param what e.g. "attributes", "events", "links"
   * @param recorded how many the span recorded, dropped ones included
   * @param kept how many it kept within its limits
   */
  static String shouldHaveRecorded(
      SpanNode node, String what, int expected, int recorded, int kept) {
    return expecting(
        span(node),
        "have recorded this many " + what + " (dropped ones included)",
        expected,
        "it recorded",
        recorded == kept ? recorded : recorded + ", of which it kept " + kept);
  }

  static String shouldStartAt(SpanNode node, long expectedNanos) {
    return expecting(
        span(node),
        "start at",
        instant(expectedNanos),
        "it started at",
        instant(node.span().getStartEpochNanos()));
  }

  static String shouldEndAt(SpanNode node, long expectedNanos) {
    return expecting(
        span(node),
        "end at",
        instant(expectedNanos),
        "it ended at",
        instant(node.span().getEndEpochNanos()));
  }

  /** Epoch nanoseconds as an ISO-8601 instant, e.g. 2026-01-01T00:00:00.004Z. */
  static String instant(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).toString();
  }

  static String shouldSatisfy(SpanNode node, String what, AssertionError error) {
    return "Expecting "
        + span(node)
        + " to have "
        + what
        + " that satisfy the requirements, but they do not:\n"
        + Layout.indent(error.getMessage().strip());
  }

  static String shouldHaveOneEvent(SpanNode node, String name) {
    return expecting(
        span(node),
        "have exactly one event named",
        quote(name),
        "its events are",
        events(node.span().getEvents()));
  }

  static String shouldOccurAt(String subject, long expectedNanos, long actualNanos) {
    return expecting(
        subject,
        "have occurred at",
        instant(expectedNanos),
        "it occurred at",
        instant(actualNanos));
  }

  static String shouldHaveLinkAt(SpanNode node, int index) {
    return expecting(
        span(node),
        "have a link at index",
        index,
        "it has " + Layout.count(node.span().getLinks().size(), "link", "links"),
        links(node.span().getLinks()));
  }

  /**
   * @param targets each link's target, with its span's name where it is known
   */
  static String shouldHaveOneLinkTo(SpanNode node, String name, int found, List<String> targets) {
    return expecting(
        span(node),
        "have exactly one link to",
        span(name),
        (found == 0 ? "it has none" : "it has " + found) + "; its links are",
        targets.isEmpty() ? "(none)" : String.join("\n", targets));
  }

  static String shouldPointTo(String subject, String what, String expected, String actual) {
    return expecting(subject, "point to " + what, expected, "it points to", actual);
  }

  static String shouldHaveChildAt(SpanNode node, String name, int index, int count) {
    return expecting(
        span(node),
        "have a child named " + quote(name) + " at index",
        index,
        "it has " + count + " named so");
  }
}
