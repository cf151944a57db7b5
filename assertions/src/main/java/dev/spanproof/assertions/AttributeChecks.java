package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.api.Condition;

/**
 * Checks of what a span carries besides its shape: attributes, resource, instrumentation scope and
 * the baggage it started with.
 */
final class AttributeChecks {

  /** What hasAttributeSatisfying expects of an attribute it cannot find: to exist. */
  private static final String ANY_VALUE = "(any value)";

  private AttributeChecks() {}

  /** Any type; numbers compare by value across widths, arrays and lists by their elements. */
  static Optional<Failure> hasAttribute(SpanNode span, String key, Object value) {
    return hasAttribute(span, Part.of(span), key, value).map(failure -> failure.showing(key));
  }

  static <T> Optional<Failure> hasAttribute(SpanNode span, AttributeKey<T> key, T value) {
    return hasAttribute(span, Part.of(span), key, value)
        .map(failure -> failure.showing(key.getKey()));
  }

  /**
   * {@link #hasAttribute(SpanNode, String, Object)} on a part of {@code span}: an event, a link.
   */
  static Optional<Failure> hasAttribute(SpanNode span, Part part, String key, Object value) {
    Optional<Map.Entry<AttributeKey<?>, Object>> found = attributeNamed(part.attributes(), key);
    if (found.isPresent() && Objects.equals(normalize(found.get().getValue()), normalize(value))) {
      return Optional.empty();
    }
    return Optional.of(attributeFailure(span, part, key, value, found));
  }

  /** {@link #hasAttribute(SpanNode, AttributeKey, Object)} on a part of {@code span}. */
  static <T> Optional<Failure> hasAttribute(
      SpanNode span, Part part, AttributeKey<T> key, T value) {
    if (value.equals(part.attributes().get(key))) {
      return Optional.empty();
    }
    return Optional.of(
        attributeFailure(
            span, part, key.getKey(), value, attributeNamed(part.attributes(), key.getKey())));
  }

  static <T> Optional<Failure> hasAttribute(
      SpanNode span, AttributeKey<T> key, Condition<? super T> condition) {
    T value = span.span().getAttributes().get(key);
    if (value != null && condition.matches(value)) {
      return Optional.empty();
    }
    String found = value == null ? "it has no such attribute" : "its value " + value + " does not";
    return Optional.of(
        at(
            span,
            "expected " + key.getKey() + " to be " + condition,
            SpanMessages.shouldHaveAttributeMatching(
                span, key.getKey(), condition.toString(), found),
            value,
            condition));
  }

  static <T> Optional<Failure> hasAttributeSatisfying(
      SpanNode span, AttributeKey<T> key, Consumer<? super T> requirements) {
    T value = span.span().getAttributes().get(key);
    if (value == null) {
      return Optional.of(
          attributeFailure(
              span,
              Part.of(span),
              key.getKey(),
              ANY_VALUE,
              attributeNamed(span.span().getAttributes(), key.getKey())));
    }
    try {
      requirements.accept(value);
      return Optional.empty();
    } catch (AssertionError e) {
      return Optional.of(
          at(
              span,
              key.getKey() + " does not satisfy the requirements",
              SpanMessages.shouldHaveAttributeMatching(
                  span,
                  key.getKey(),
                  "satisfies the requirements",
                  "its value " + value + " does not:\n" + Layout.indent(e.getMessage())),
              value,
              null));
    }
  }

  static Optional<Failure> hasExactlyAttributes(SpanNode span, Attributes expected) {
    Attributes actual = span.span().getAttributes();
    // The SDK's attribute map and Attributes.of(...) are different classes: compare as maps.
    if (actual.asMap().equals(expected.asMap())) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "attributes differ",
            SpanMessages.shouldHaveExactlyAttributes(span, expected),
            SpanMessages.attributes(actual),
            SpanMessages.attributes(expected)));
  }

  static Optional<Failure> containsAttributes(SpanNode span, Attributes expected) {
    return containsAttributes(span, Part.of(span), expected);
  }

  /** At least these attributes with these values, on {@code part} of {@code span}. */
  static Optional<Failure> containsAttributes(SpanNode span, Part part, Attributes expected) {
    Attributes actual = part.attributes();
    List<String> missing = new ArrayList<>();
    expected.forEach(
        (key, value) -> {
          if (!value.equals(actual.get(key))) {
            missing.add(key.getKey());
          }
        });
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            part.note("missing or different: " + missing),
            SpanMessages.shouldContainAttributes(part.subject(), expected, missing, actual),
            SpanMessages.attributes(actual),
            SpanMessages.attributes(expected)));
  }

  static Optional<Failure> doesNotHaveAttribute(SpanNode span, String key) {
    return attributeNamed(span.span().getAttributes(), key)
        .map(
            found ->
                at(
                    span,
                    "unexpected " + key,
                    SpanMessages.shouldNotHaveAttribute(span, key, found.getValue()),
                    found.getValue(),
                    null));
  }

  static <T> Optional<Failure> hasResourceAttribute(SpanNode span, AttributeKey<T> key, T value) {
    T actualValue = span.span().getResource().getAttribute(key);
    if (value.equals(actualValue)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected resource " + key.getKey() + "=" + value,
            SpanMessages.shouldHaveResourceAttribute(span, key.getKey(), value),
            actualValue,
            value));
  }

  static Optional<Failure> hasInstrumentationScope(SpanNode span, String name) {
    String actualName = span.span().getInstrumentationScopeInfo().getName();
    if (actualName.equals(name)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected scope " + Layout.quote(name),
            SpanMessages.shouldHaveScope(span, name),
            actualName,
            name));
  }

  static Optional<Failure> hasBaggage(SpanNode span, String key, String value) {
    Optional<Baggage> baggage = span.baggageAtStart();
    if (baggage.isEmpty()) {
      return Optional.of(
          Failure.withoutTree(SpanMessages.shouldHaveBaggageButUnknown(span, key, value)));
    }
    String found = baggage.get().getEntryValue(key);
    if (value.equals(found)) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected baggage " + key + "=" + value,
            SpanMessages.shouldHaveBaggage(span, key, value, baggage.get()),
            found,
            value));
  }

  /** True when every attribute of {@code expected} is in {@code actual} with the same value. */
  static boolean containsAll(Attributes actual, Attributes expected) {
    boolean[] all = {true};
    expected.forEach((key, value) -> all[0] &= value.equals(actual.get(key)));
    return all[0];
  }

  private static Failure attributeFailure(
      SpanNode span,
      Part part,
      String key,
      Object expected,
      Optional<Map.Entry<AttributeKey<?>, Object>> found) {
    String wanted = key + "=" + expected;
    String what;
    String note = "expected " + wanted;
    if (found.isEmpty()) {
      what = "it has no attribute " + key;
    } else if (typesDiffer(found.get().getValue(), expected)) {
      String actualType = found.get().getKey().getType().toString();
      what = "it has " + key + "=" + found.get().getValue() + " of type " + actualType;
      // "expected n=2 <-- n=2" explains nothing: when the values print alike, the types differ.
      if (String.valueOf(found.get().getValue()).equals(String.valueOf(expected))) {
        wanted += " of type " + typeName(expected);
        note = "expected " + wanted + ", found " + actualType;
      }
    } else {
      what = "it has " + key + "=" + found.get().getValue();
    }
    return at(
        span,
        part.note(note),
        SpanMessages.shouldHaveAttribute(part.subject(), wanted, what, part.attributes()),
        found.map(Map.Entry::getValue).orElse(null),
        expected);
  }

  private static boolean typesDiffer(Object actual, Object expected) {
    return !ANY_VALUE.equals(expected)
        && !normalize(actual).getClass().equals(normalize(expected).getClass());
  }

  /** The attribute type {@code value} would be stored as, named as {@code AttributeType} does. */
  private static String typeName(Object value) {
    Object stored = normalize(value);
    if (stored instanceof String) {
      return "STRING";
    }
    if (stored instanceof Boolean) {
      return "BOOLEAN";
    }
    if (stored instanceof Long) {
      return "LONG";
    }
    if (stored instanceof Double) {
      return "DOUBLE";
    }
    if (stored instanceof List<?> list && !list.isEmpty()) {
      return typeName(list.get(0)) + "_ARRAY";
    }
    return stored.getClass().getSimpleName();
  }

  private static Optional<Map.Entry<AttributeKey<?>, Object>> attributeNamed(
      Attributes attributes, String key) {
    return attributes.asMap().entrySet().stream()
        .filter(entry -> entry.getKey().getKey().equals(key))
        .findFirst();
  }

  /** Integers as longs, floats as doubles, arrays as lists: values as OpenTelemetry stores them. */
  private static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value != null && value.getClass().isArray()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        list.add(normalize(Array.get(value, i)));
      }
      return list;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(AttributeChecks::normalize).toList();
    }
    return value;
  }

  /** Counts attributes as sdk-testing does: the ones dropped by the span limits too. */
  static Optional<Failure> hasTotalAttributeCount(SpanNode span, int expected) {
    int total = span.span().getTotalAttributeCount();
    if (total == expected) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected " + Layout.count(expected, "attribute", "attributes"),
            SpanMessages.shouldHaveRecorded(
                span, "attributes", expected, total, span.span().getAttributes().size()),
            total,
            expected));
  }
}
