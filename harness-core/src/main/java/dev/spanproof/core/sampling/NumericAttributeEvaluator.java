package dev.spanproof.core.sampling;

import java.util.Optional;

/**
 * {@code numeric_attribute}, as the Collector's {@code numeric_tag_filter.go}: a resource or span
 * attribute {@code key} with {@code min_value <= value <= max_value}, where a bound of 0 means
 * unbounded. A value that is not an integer reads as 0, as pdata's {@code Int()} does. {@code
 * invert_match} flips this policy's own decision.
 */
final class NumericAttributeEvaluator extends PolicyEvaluator {

  private final String key;
  private final long minValue;
  private final long maxValue;
  private final boolean invert;

  NumericAttributeEvaluator(String name, String key, long minValue, long maxValue, boolean invert) {
    super(name, "numeric_attribute");
    this.key = key;
    this.minValue = minValue;
    this.maxValue = maxValue;
    this.invert = invert;
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    long low = minValue == 0 ? Long.MIN_VALUE : minValue;
    long high = maxValue == 0 ? Long.MAX_VALUE : maxValue;
    Optional<AttributeLookup.Match> match =
        AttributeLookup.find(
            trace,
            key,
            (value, onResource) -> {
              long number = value instanceof Long integer ? integer : 0;
              return low <= number && number <= high;
            });
    String wanted = "in " + range();
    String reason =
        match
            .map(
                found ->
                    found.where(key)
                        + (found.value() instanceof Long ? "" : " (not an integer: read as 0)")
                        + ", "
                        + wanted)
            .orElse("no resource or span has " + key + " " + wanted);
    if (invert) {
      reason = "invert_match: " + reason;
    }
    return match.isPresent() != invert ? sampled(reason) : notSampled(reason);
  }

  private String range() {
    return "["
        + (minValue == 0 ? "−∞" : "min_value " + minValue)
        + ", "
        + (maxValue == 0 ? "+∞" : "max_value " + maxValue)
        + "]";
  }
}
