package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.List;

/** The lookups behind {@code event(..)}: a span's event by name, and by name and index. */
final class EventNavigation {

  private EventNavigation() {}

  /** The span's only event named {@code name}. */
  static Lookup<EventData> event(SpanNode span, String name) {
    List<EventData> named = named(span, name);
    if (named.size() == 1) {
      return Lookup.found(named.get(0));
    }
    if (named.isEmpty()) {
      return Lookup.failed(missing(span, name));
    }
    return Lookup.failed(
        at(
            span,
            named.size() + " events named " + Layout.quote(name),
            PartMessages.shouldHaveOneEventNamed(span, name, named),
            named.size(),
            1));
  }

  /** The span's {@code index}-th event named {@code name}, counting from 0 in recorded order. */
  static Lookup<EventData> event(SpanNode span, String name, int index) {
    List<EventData> named = named(span, name);
    if (index < named.size()) {
      return Lookup.found(named.get(index));
    }
    if (named.isEmpty()) {
      return Lookup.failed(missing(span, name));
    }
    return Lookup.failed(
        at(
            span,
            "expected event " + Layout.quote(name) + " at index " + index,
            PartMessages.shouldHaveEventAt(span, name, index, named.size()),
            named.size(),
            index + 1));
  }

  private static Failure missing(SpanNode span, String name) {
    return at(
        span,
        "expected an event named " + Layout.quote(name),
        PartMessages.shouldHaveEventNamed(span, name),
        span.span().getEvents().stream().map(EventData::getName).toList(),
        name);
  }

  private static List<EventData> named(SpanNode span, String name) {
    return span.span().getEvents().stream().filter(event -> event.getName().equals(name)).toList();
  }
}
