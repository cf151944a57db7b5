package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The escape hatch: the user's own AssertJ requirements on a part of a span, their failure reported
 * like every other, naming the span and drawing its trace.
 */
final class RequirementChecks {

  private RequirementChecks() {}

  /**
   * Runs {@code requirements} on {@code value}; an {@link AssertionError} they throw becomes the
   * failure.
   *
   * @param what what {@code value} is, for the message, e.g. "events"
   */
  static <T> Optional<Failure> satisfies(
      SpanNode span, String what, T value, Consumer<? super T> requirements) {
    try {
      requirements.accept(value);
      return Optional.empty();
    } catch (AssertionError e) {
      return Optional.of(
          at(
              span,
              what + " do not satisfy the requirements",
              SpanMessages.shouldSatisfy(span, what, e),
              value,
              null));
    }
  }
}
