package dev.spanproof.core.sampling;

import static dev.spanproof.core.sampling.ArgumentChecks.requireConditions;
import static dev.spanproof.core.sampling.ArgumentChecks.requireElements;
import static dev.spanproof.core.sampling.ArgumentChecks.requireNonNull;
import static dev.spanproof.core.sampling.ArgumentChecks.requireNotNegative;
import static dev.spanproof.core.sampling.ArgumentChecks.requirePositive;

import io.opentelemetry.api.trace.StatusCode;
import java.util.List;

/**
 * Builds the simple policies (the Collector's name for the types any policy may nest) for {@link
 * TailSamplingPolicy}'s factories of the same names: checks the arguments, in the order the
 * factories document, then wires each type's evaluator. The public class keeps the documentation;
 * this one keeps the work, so that neither outgrows a reading.
 */
final class SimplePolicies {

  private SimplePolicies() {}

  static TailSamplingPolicy alwaysSample(String name) {
    return TailSamplingPolicy.of(name, "always_sample", AlwaysSampleEvaluator::new);
  }

  static TailSamplingPolicy latency(String name, long thresholdMs, long upperThresholdMs) {
    requireNotNegative("thresholdMs", thresholdMs);
    requireNotNegative("upperThresholdMs", upperThresholdMs);
    return TailSamplingPolicy.of(
        name, "latency", policy -> new LatencyEvaluator(policy, thresholdMs, upperThresholdMs));
  }

  static TailSamplingPolicy probabilistic(String name, double samplingPercentage, String hashSalt) {
    if (!Double.isFinite(samplingPercentage)) {
      throw new IllegalArgumentException(
          "samplingPercentage must be a finite number, but was " + samplingPercentage);
    }
    requireNonNull("hashSalt", hashSalt);
    return TailSamplingPolicy.of(
        name,
        "probabilistic",
        policy -> new ProbabilisticEvaluator(policy, samplingPercentage, hashSalt));
  }

  static TailSamplingPolicy statusCode(String name, StatusCode[] codes) {
    List<StatusCode> list = requireElements("codes", codes);
    return TailSamplingPolicy.of(
        name, "status_code", policy -> new StatusCodeEvaluator(policy, list));
  }

  static TailSamplingPolicy stringAttribute(String name, String key, String[] values) {
    requireNonNull("key", key);
    List<String> list = requireElements("values", values);
    return TailSamplingPolicy.invertible(
        name,
        "string_attribute",
        invert -> new StringAttributeEvaluator(name, key, list, false, invert));
  }

  static TailSamplingPolicy stringAttributeMatching(String name, String key, String[] regexes) {
    requireNonNull("key", key);
    List<String> list = ArgumentChecks.requireRegexes("regexes", regexes);
    return TailSamplingPolicy.invertible(
        name,
        "string_attribute",
        invert -> new StringAttributeEvaluator(name, key, list, true, invert));
  }

  static TailSamplingPolicy numericAttribute(
      String name, String key, long minValue, long maxValue) {
    requireNonNull("key", key);
    return TailSamplingPolicy.invertible(
        name,
        "numeric_attribute",
        invert -> new NumericAttributeEvaluator(name, key, minValue, maxValue, invert));
  }

  static TailSamplingPolicy booleanAttribute(String name, String key, boolean value) {
    requireNonNull("key", key);
    return TailSamplingPolicy.invertible(
        name,
        "boolean_attribute",
        invert -> new BooleanAttributeEvaluator(name, key, value, invert));
  }

  static TailSamplingPolicy spanCount(String name, int minSpans, int maxSpans) {
    requireNotNegative("minSpans", minSpans);
    requireNotNegative("maxSpans", maxSpans);
    return TailSamplingPolicy.of(
        name, "span_count", policy -> new SpanCountEvaluator(policy, minSpans, maxSpans));
  }

  static TailSamplingPolicy traceState(String name, String key, String[] values) {
    requireNonNull("key", key);
    List<String> list = requireElements("values", values);
    return TailSamplingPolicy.of(
        name, "trace_state", policy -> new TraceStateEvaluator(policy, key, list));
  }

  static TailSamplingPolicy traceFlags(String name) {
    return TailSamplingPolicy.of(name, "trace_flags", TraceFlagsEvaluator::new);
  }

  static TailSamplingPolicy rateLimiting(String name, long spansPerSecond, long burstCapacity) {
    requirePositive("spansPerSecond", spansPerSecond);
    requirePositive("burstCapacity", burstCapacity);
    return TailSamplingPolicy.of(
        name,
        "rate_limiting",
        policy -> RateLimitingEvaluator.spans(policy, spansPerSecond, burstCapacity));
  }

  static TailSamplingPolicy bytesLimiting(String name, long bytesPerSecond, long burstCapacity) {
    requirePositive("bytesPerSecond", bytesPerSecond);
    requirePositive("burstCapacity", burstCapacity);
    return TailSamplingPolicy.of(
        name,
        "bytes_limiting",
        policy -> RateLimitingEvaluator.bytes(policy, bytesPerSecond, burstCapacity, OtlpSize::of));
  }

  static TailSamplingPolicy ottlCondition(
      String name, List<String> spanConditions, List<String> spanEventConditions) {
    List<OttlCondition> span =
        requireConditions("spanConditions", spanConditions, OttlCondition.Context.SPAN);
    List<OttlCondition> spanEvent =
        requireConditions(
            "spanEventConditions", spanEventConditions, OttlCondition.Context.SPANEVENT);
    if (span.isEmpty() && spanEvent.isEmpty()) {
      throw new IllegalArgumentException(
          "spanConditions and spanEventConditions are empty; the Collector needs at least one"
              + " condition");
    }
    return TailSamplingPolicy.of(
        name, "ottl_condition", policy -> new OttlConditionEvaluator(policy, span, spanEvent));
  }
}
