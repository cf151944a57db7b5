package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Checks of the attributes of a span's event or link; failures mark the span it belongs to. */
final class PartChecks {

  private PartChecks() {}

  /** Any type; numbers compare by value across widths, arrays and lists by their elements. */
  static Optional<Failure> hasAttribute(Part part, String key, Object expected) {
    Optional<Map.Entry<AttributeKey<?>, Object>> found = attributeNamed(part.attributes(), key);
    boolean matches =
        found.isPresent()
            && Objects.equals(
                AttributeChecks.normalize(found.get().getValue()),
                AttributeChecks.normalize(expected));
    return matches ? Optional.empty() : Optional.of(attributeFailure(part, key, expected, found));
  }

  static <T> Optional<Failure> hasAttribute(Part part, AttributeKey<T> key, T expected) {
    if (expected.equals(part.attributes().get(key))) {
      return Optional.empty();
    }
    return Optional.of(
        attributeFailure(
            part, key.getKey(), expected, attributeNamed(part.attributes(), key.getKey())));
  }

  /** Runs the user's AssertJ {@code requirements}; what they throw becomes the failure. */
  static Optional<Failure> hasAttributesSatisfying(
      Part part, Consumer<? super Attributes> requirements) {
    try {
      requirements.accept(part.attributes());
      return Optional.empty();
    } catch (AssertionError error) {
      return Optional.of(
          at(
              part.span(),
              part.label() + ": attributes do not satisfy the requirements",
              PartMessages.shouldHaveAttributesSatisfying(part, error.getMessage()),
              part.attributes(),
              "attributes satisfying the requirements"));
    }
  }

  private static Failure attributeFailure(
      Part part, String key, Object expected, Optional<Map.Entry<AttributeKey<?>, Object>> found) {
    String wanted = key + "=" + expected;
    String what = "it has no attribute " + key;
    if (found.isPresent()) {
      Object value = found.get().getValue();
      what = "it has " + key + "=" + value;
      // "expected n=2, it has n=2" explains nothing: when the values print alike, the types differ.
      if (String.valueOf(value).equals(String.valueOf(expected))) {
        what += " of type " + found.get().getKey().getType();
      }
    }
    return at(
        part.span(),
        part.label() + ": expected " + wanted,
        PartMessages.shouldHaveAttribute(part, wanted, what),
        found.map(Map.Entry::getValue).orElse(null),
        expected);
  }

  static Optional<Map.Entry<AttributeKey<?>, Object>> attributeNamed(
      Attributes attributes, String key) {
    return attributes.asMap().entrySet().stream()
        .filter(entry -> entry.getKey().getKey().equals(key))
        .findFirst();
  }
}
