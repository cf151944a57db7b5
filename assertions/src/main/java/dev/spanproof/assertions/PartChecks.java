package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.api.common.Attributes;
import java.util.Optional;
import java.util.function.Consumer;

/** Checks of the attributes of a span's event or link as a whole; failures mark the span. */
final class PartChecks {

  private PartChecks() {}

  /** Runs the user's AssertJ {@code requirements}; what they throw becomes the failure. */
  static Optional<Failure> hasAttributesSatisfying(
      SpanNode span, Part part, Consumer<? super Attributes> requirements) {
    try {
      requirements.accept(part.attributes());
      return Optional.empty();
    } catch (AssertionError error) {
      return Optional.of(
          at(
              span,
              part.note("attributes do not satisfy the requirements"),
              PartMessages.shouldHaveAttributesSatisfying(part, error.getMessage()),
              part.attributes(),
              "attributes satisfying the requirements"));
    }
  }
}
