package dev.spanproof.assertions;

import static dev.spanproof.assertions.Layout.expecting;
import static dev.spanproof.assertions.Layout.quote;
import static dev.spanproof.assertions.Layout.span;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.stream.Collectors;

/** Failure messages about a span's events and links, and about the asserts navigated to them. */
final class PartMessages {

  private PartMessages() {}

  // ---------------------------------------------------------------------------------------------
  // Navigation to events

  static String shouldHaveEventNamed(SpanNode node, String name) {
    return expecting(
        span(node), "have an event named", quote(name), "its events are", events(node));
  }

  static String shouldHaveOneEventNamed(SpanNode node, String name, List<EventData> named) {
    String times =
        named.stream()
            .map(event -> offset(node.span(), event.getEpochNanos()))
            .collect(Collectors.joining(", "));
    return expecting(
        span(node),
        "have exactly one event named",
        quote(name),
        "it has "
            + named.size()
            + ", at "
            + times
            + "; pick one by its index, from event("
            + quote(name)
            + ", 0) to event("
            + quote(name)
            + ", "
            + (named.size() - 1)
            + ")");
  }

  static String shouldHaveEventAt(SpanNode node, String name, int index, int count) {
    return expecting(
        span(node),
        "have an event named " + quote(name) + " at index",
        index,
        "it has " + Layout.count(count, "such event", "such events") + "; its events are",
        events(node));
  }

  /** The span's events, one per line: name, attributes, time after the span started. */
  static String events(SpanNode node) {
    List<EventData> events = node.span().getEvents();
    if (events.isEmpty()) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder();
    for (EventData event : events) {
      out.append(out.length() == 0 ? "" : "\n")
          .append(event.getName())
          .append(
              event.getAttributes().isEmpty()
                  ? ""
                  : " " + SpanMessages.inline(event.getAttributes()))
          .append(" at ")
          .append(offset(node.span(), event.getEpochNanos()));
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Checks on one event or link (the attribute checks are shared with spans: AttributeChecks)

  static String shouldHaveAttributesSatisfying(Part part, String problem) {
    return "Expecting "
        + part.subject()
        + " to have attributes satisfying the requirements, but:\n"
        + Layout.indent(problem)
        + "\nits attributes are:\n"
        + Layout.indent(SpanMessages.attributes(part.attributes()));
  }

  static String shouldOccurWithinSpan(Part part, SpanData span, long at) {
    return expecting(
        part.subject(),
        "occur within its span",
        spanInterval(span),
        "it occurred at " + offset(span, at));
  }

  static String shouldOccurAfter(
      Part part, SpanNode node, EventData event, String other, EventData earlier) {
    SpanData span = node.span();
    if (earlier == null) {
      return expecting(
          part.subject(),
          "occur after the event",
          quote(other),
          "the span has no such event; its events are",
          events(node));
    }
    return expecting(
        part.subject(),
        "occur after the event",
        quote(other) + " at " + offset(span, earlier.getEpochNanos()),
        "it occurred at "
            + offset(span, event.getEpochNanos())
            + ", "
            + Durations.format(earlier.getEpochNanos() - event.getEpochNanos())
            + " before it");
  }

  static String shouldPointToSpanNamed(
      Part part, String expected, String actualName, String context) {
    return expecting(
        part.subject(),
        "point to",
        span(expected),
        actualName == null
            ? "it points to "
                + context
                + ", which is neither in this trace nor among the current test's spans"
            : "it points to " + span(actualName) + " (" + context + ")");
  }

  // ---------------------------------------------------------------------------------------------
  // Times, relative to the span's start, written as the tree writes durations

  /** "+3.00 ms" after the span started; "-1.00 ms" before. */
  static String offset(SpanData span, long epochNanos) {
    long nanos = epochNanos - span.getStartEpochNanos();
    return (nanos < 0 ? "-" : "+") + Durations.format(Math.abs(nanos));
  }

  /** "from +0 ns to +10.0 ms after the span started": the span's start and end. */
  static String spanInterval(SpanData span) {
    return "from "
        + offset(span, span.getStartEpochNanos())
        + " to "
        + offset(span, span.getEndEpochNanos())
        + " after the span started";
  }
}
