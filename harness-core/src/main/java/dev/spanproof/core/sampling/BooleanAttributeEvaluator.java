package dev.spanproof.core.sampling;

import java.util.Optional;

/**
 * {@code boolean_attribute}, as the Collector's {@code boolean_tag_filter.go}: a resource or span
 * attribute {@code key} equal to {@code value}. A value that is not a boolean reads as false, as
 * pdata's {@code Bool()} does. {@code invert_match} flips this policy's own decision.
 */
final class BooleanAttributeEvaluator extends PolicyEvaluator {

  private final String key;
  private final boolean value;
  private final boolean invert;

  BooleanAttributeEvaluator(String name, String key, boolean value, boolean invert) {
    super(name, "boolean_attribute");
    this.key = key;
    this.value = value;
    this.invert = invert;
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    Optional<AttributeLookup.Match> match =
        AttributeLookup.find(
            trace, key, (found, onResource) -> (found instanceof Boolean bool && bool) == value);
    String reason =
        match
            .map(
                found ->
                    found.where(key)
                        + (found.value() instanceof Boolean
                            ? ""
                            : " (not a boolean: read as false)"))
            .orElse("no resource or span has " + key + " = " + value);
    if (invert) {
      reason = "invert_match: " + reason;
    }
    return match.isPresent() != invert ? sampled(reason) : notSampled(reason);
  }
}
