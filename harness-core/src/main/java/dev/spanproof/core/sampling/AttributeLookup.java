package dev.spanproof.core.sampling;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * How the attribute policies walk a trace, as the Collector's {@code
 * hasResourceOrSpanWithCondition} does: for each span, first its resource's attributes, then its
 * own; the first match decides.
 */
final class AttributeLookup {

  /** Where a matching attribute was found, for the verdict's reason. */
  record Match(SpanData span, boolean onResource, Object value) {

    String where(String key) {
      return (onResource ? "the resource of " : "")
          + Texts.span(span)
          + " has "
          + key
          + " = "
          + shown();
    }

    private String shown() {
      return value instanceof String text ? Texts.quote(text) : String.valueOf(value);
    }
  }

  private AttributeLookup() {}

  /**
   * The first resource or span attribute named {@code key} whose value satisfies {@code condition}
   * (given the value and whether it sits on a resource).
   */
  static Optional<Match> find(
      TraceUnderDecision trace, String key, BiPredicate<Object, Boolean> condition) {
    for (SpanData span : trace.spans()) {
      Object onResource = value(span.getResource().getAttributes(), key);
      if (onResource != null && condition.test(onResource, true)) {
        return Optional.of(new Match(span, true, onResource));
      }
      Object onSpan = value(span.getAttributes(), key);
      if (onSpan != null && condition.test(onSpan, false)) {
        return Optional.of(new Match(span, false, onSpan));
      }
    }
    return Optional.empty();
  }

  private static Object value(Attributes attributes, String key) {
    for (Map.Entry<AttributeKey<?>, Object> entry : attributes.asMap().entrySet()) {
      if (entry.getKey().getKey().equals(key)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
