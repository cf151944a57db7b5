package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.List;
import java.util.Optional;

/** Checks of a span's events, and of the exceptions it recorded as events. */
final class EventChecks {

  private static final AttributeKey<String> EXCEPTION_TYPE =
      AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");

  private EventChecks() {}

  static Optional<Failure> hasEvent(SpanNode span, String name) {
    if (events(span).stream().anyMatch(event -> event.getName().equals(name))) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected event " + Layout.quote(name),
            SpanMessages.shouldHaveEvent(span, name),
            eventNames(span),
            name));
  }

  static Optional<Failure> hasEvent(SpanNode span, String name, Attributes attributes) {
    boolean found =
        events(span).stream()
            .anyMatch(
                event ->
                    event.getName().equals(name)
                        && AttributeChecks.containsAll(event.getAttributes(), attributes));
    if (found) {
      return Optional.empty();
    }
    String wanted = name + " " + SpanMessages.inline(attributes);
    return Optional.of(
        at(
            span,
            "expected event " + Layout.quote(name) + " with " + SpanMessages.inline(attributes),
            SpanMessages.shouldHaveEvent(span, wanted),
            SpanMessages.events(events(span)),
            wanted));
  }

  /** The names occur in this order; other events may come before, between or after. */
  static Optional<Failure> hasEventsInOrder(SpanNode span, List<String> expected) {
    int next = 0;
    for (String name : eventNames(span)) {
      if (next < expected.size() && name.equals(expected.get(next))) {
        next++;
      }
    }
    if (next == expected.size()) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected events " + expected,
            SpanMessages.shouldHaveEventsInOrder(span, expected),
            eventNames(span),
            expected));
  }

  static Optional<Failure> hasNoEvents(SpanNode span) {
    if (events(span).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected no events",
            SpanMessages.shouldHaveNoEvents(span),
            eventNames(span),
            List.of()));
  }

  static Optional<Failure> hasException(SpanNode span, Class<? extends Throwable> type) {
    List<EventData> exceptions = exceptionEvents(span);
    if (exceptions.stream().anyMatch(event -> isOfType(event, type))) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected exception " + type.getSimpleName(),
            SpanMessages.shouldHaveException(span, type.getName(), exceptions),
            SpanMessages.events(exceptions),
            type.getName()));
  }

  static Optional<Failure> hasException(
      SpanNode span, Class<? extends Throwable> type, String message) {
    List<EventData> exceptions = exceptionEvents(span);
    boolean found =
        exceptions.stream()
            .anyMatch(
                event ->
                    isOfType(event, type)
                        && message.equals(event.getAttributes().get(EXCEPTION_MESSAGE)));
    if (found) {
      return Optional.empty();
    }
    String wanted = type.getName() + ": " + message;
    return Optional.of(
        at(
            span,
            "expected exception " + type.getSimpleName() + " " + Layout.quote(message),
            SpanMessages.shouldHaveException(span, wanted, exceptions),
            SpanMessages.events(exceptions),
            wanted));
  }

  static Optional<Failure> hasExceptionWithStackTrace(SpanNode span) {
    List<EventData> exceptions = exceptionEvents(span);
    boolean found =
        exceptions.stream()
            .anyMatch(
                event -> {
                  String stack = event.getAttributes().get(EXCEPTION_STACKTRACE);
                  return stack != null && !stack.isBlank();
                });
    if (found) {
      return Optional.empty();
    }
    String wanted = "an exception with exception.stacktrace";
    return Optional.of(
        at(
            span,
            "expected an exception stack trace",
            SpanMessages.shouldHaveException(span, wanted, exceptions),
            SpanMessages.events(exceptions),
            wanted));
  }

  static Optional<Failure> hasNoException(SpanNode span) {
    List<EventData> exceptions = exceptionEvents(span);
    if (exceptions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected no exception",
            SpanMessages.shouldHaveNoException(span, exceptions),
            SpanMessages.events(exceptions),
            "no exception"));
  }

  private static List<EventData> events(SpanNode span) {
    return span.span().getEvents();
  }

  private static List<String> eventNames(SpanNode span) {
    return events(span).stream().map(EventData::getName).toList();
  }

  private static List<EventData> exceptionEvents(SpanNode span) {
    return events(span).stream()
        .filter(event -> event.getAttributes().get(EXCEPTION_TYPE) != null)
        .toList();
  }

  /** The recorded type is {@code type} or, when loadable, one of its subtypes. */
  private static boolean isOfType(EventData event, Class<? extends Throwable> type) {
    String recorded = event.getAttributes().get(EXCEPTION_TYPE);
    if (recorded.equals(type.getName()) || recorded.equals(type.getCanonicalName())) {
      return true;
    }
    try {
      return type.isAssignableFrom(Class.forName(recorded, false, type.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Counts events as sdk-testing does: the ones dropped by the span limits too. */
  static Optional<Failure> hasTotalRecordedEvents(SpanNode span, int expected) {
    int total = span.span().getTotalRecordedEvents();
    if (total == expected) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected " + Layout.count(expected, "event", "events"),
            SpanMessages.shouldHaveRecorded(span, "events", expected, total, events(span).size()),
            total,
            expected));
  }

  static Optional<Failure> hasTimestamp(SpanNode span, EventData event, long epochNanos) {
    if (event.getEpochNanos() == epochNanos) {
      return Optional.empty();
    }
    Part part = Part.of(span, event);
    return Optional.of(
        at(
            span,
            part.note("expected at " + SpanMessages.instant(epochNanos)),
            SpanMessages.shouldOccurAt(part.subject(), epochNanos, event.getEpochNanos()),
            event.getEpochNanos(),
            epochNanos));
  }
}
