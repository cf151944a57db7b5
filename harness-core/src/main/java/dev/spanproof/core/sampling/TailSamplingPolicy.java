package dev.spanproof.core.sampling;

import static dev.spanproof.core.sampling.ArgumentChecks.requireName;

import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One policy of the Collector's {@code tail_sampling} processor, built in Java with the Collector's
 * names and meanings (or read from its YAML by {@link TailSampling#fromCollectorYaml(String)}).
 * Immutable; the state of a rate limit lives in the {@link TailSampling} that uses the policy.
 *
 * <pre>{@code
 * TailSampling sampling = TailSampling.builder()
 *     .policy(TailSamplingPolicy.statusCode("errors", StatusCode.ERROR))
 *     .policy(TailSamplingPolicy.latency("slow", 1000))
 *     .policy(TailSamplingPolicy.probabilistic("rest", 5))
 *     .build();
 * }</pre>
 */
public final class TailSamplingPolicy {

  /** Types that keep state from one trace to the next, as the Collector's {@code IsStateful}. */
  private static final Set<String> STATEFUL =
      Set.of("rate_limiting", "bytes_limiting", "composite");

  private final String name;
  private final String type;
  private final Function<Boolean, PolicyEvaluator> evaluators;
  private final boolean invertible;
  private final boolean inverted;
  private final List<TailSamplingPolicy> subPolicies;

  private TailSamplingPolicy(
      String name,
      String type,
      Function<Boolean, PolicyEvaluator> evaluators,
      boolean invertible,
      boolean inverted,
      List<TailSamplingPolicy> subPolicies) {
    this.name = name;
    this.type = type;
    this.evaluators = evaluators;
    this.invertible = invertible;
    this.inverted = inverted;
    this.subPolicies = subPolicies;
  }

  // The public factories below delegate their checks and wiring to SimplePolicies and
  // CombiningPolicies, which build through of and invertible: this class stays the documented API.

  /** A policy whose evaluator {@code evaluator} makes from the policy's name. */
  static TailSamplingPolicy of(
      String name, String type, Function<String, PolicyEvaluator> evaluator) {
    return of(name, type, evaluator, List.of());
  }

  /** Like {@link #of(String, String, Function)}, for a policy that holds {@code subPolicies}. */
  static TailSamplingPolicy of(
      String name,
      String type,
      Function<String, PolicyEvaluator> evaluator,
      List<TailSamplingPolicy> subPolicies) {
    requireName(name);
    return new TailSamplingPolicy(
        name, type, invert -> evaluator.apply(name), false, false, subPolicies);
  }

  /** A policy that {@link #invertMatch()} may flip: {@code evaluator} is told whether it is. */
  static TailSamplingPolicy invertible(
      String name, String type, Function<Boolean, PolicyEvaluator> evaluator) {
    requireName(name);
    return new TailSamplingPolicy(name, type, evaluator, true, false, List.of());
  }

  /** {@code always_sample}: samples every trace. */
  public static TailSamplingPolicy alwaysSample(String name) {
    return SimplePolicies.alwaysSample(name);
  }

  /**
   * {@code latency} with only {@code threshold_ms}: samples traces that took longer than {@code
   * thresholdMs}, measured from the earliest span start to the latest span end, in whole
   * milliseconds. The bound is exclusive, as in the Collector since contrib PR #49595.
   */
  public static TailSamplingPolicy latency(String name, long thresholdMs) {
    return latency(name, thresholdMs, 0);
  }

  /**
   * {@code latency} with {@code threshold_ms} and {@code upper_threshold_ms}: samples traces that
   * took longer than {@code thresholdMs} and at most {@code upperThresholdMs} (0: no upper bound).
   *
   * @throws IllegalArgumentException if a bound is negative
   */
  public static TailSamplingPolicy latency(String name, long thresholdMs, long upperThresholdMs) {
    return SimplePolicies.latency(name, thresholdMs, upperThresholdMs);
  }

  /**
   * {@code probabilistic}: samples {@code samplingPercentage} % of traces by a hash of their id,
   * with the Collector's default {@code hash_salt}.
   */
  public static TailSamplingPolicy probabilistic(String name, double samplingPercentage) {
    return probabilistic(name, samplingPercentage, "");
  }

  /**
   * {@code probabilistic} with a {@code hash_salt}: the same trace ids and salt give the same
   * decisions as in the Collector, bit for bit. An empty salt is the Collector's default, {@code
   * default-hash-seed}.
   *
   * @throws IllegalArgumentException if {@code samplingPercentage} is not a finite number
   */
  public static TailSamplingPolicy probabilistic(
      String name, double samplingPercentage, String hashSalt) {
    return SimplePolicies.probabilistic(name, samplingPercentage, hashSalt);
  }

  /**
   * {@code status_code}: samples traces with a span whose status is one of {@code codes}.
   *
   * @throws IllegalArgumentException if no code is given
   */
  public static TailSamplingPolicy statusCode(String name, StatusCode... codes) {
    return SimplePolicies.statusCode(name, codes);
  }

  /**
   * {@code string_attribute}: samples traces with a resource or span attribute {@code key} equal to
   * one of {@code values}. See {@link #invertMatch()}.
   *
   * @throws IllegalArgumentException if no value is given
   */
  public static TailSamplingPolicy stringAttribute(String name, String key, String... values) {
    return SimplePolicies.stringAttribute(name, key, values);
  }

  /**
   * {@code string_attribute} with {@code enabled_regex_matching}: samples traces with a resource or
   * span attribute {@code key} in which one of {@code regexes} finds a match (not anchored, as Go's
   * {@code MatchString}). See {@link #invertMatch()}.
   *
   * @throws IllegalArgumentException if no regex is given or one does not compile
   */
  public static TailSamplingPolicy stringAttributeMatching(
      String name, String key, String... regexes) {
    return SimplePolicies.stringAttributeMatching(name, key, regexes);
  }

  /**
   * {@code numeric_attribute}: samples traces with a resource or span attribute {@code key} in
   * {@code [minValue, maxValue]}; as in the Collector, a bound of 0 means unbounded. See {@link
   * #invertMatch()}.
   */
  public static TailSamplingPolicy numericAttribute(
      String name, String key, long minValue, long maxValue) {
    return SimplePolicies.numericAttribute(name, key, minValue, maxValue);
  }

  /**
   * {@code boolean_attribute}: samples traces with a resource or span attribute {@code key} equal
   * to {@code value}. See {@link #invertMatch()}.
   */
  public static TailSamplingPolicy booleanAttribute(String name, String key, boolean value) {
    return SimplePolicies.booleanAttribute(name, key, value);
  }

  /**
   * {@code span_count}: samples traces with at least {@code minSpans} and at most {@code maxSpans}
   * spans (0: no maximum).
   *
   * @throws IllegalArgumentException if a bound is negative
   */
  public static TailSamplingPolicy spanCount(String name, int minSpans, int maxSpans) {
    return SimplePolicies.spanCount(name, minSpans, maxSpans);
  }

  /**
   * {@code trace_state}: samples traces with a span whose trace state has {@code key} with one of
   * {@code values}.
   *
   * @throws IllegalArgumentException if no value is given
   */
  public static TailSamplingPolicy traceState(String name, String key, String... values) {
    return SimplePolicies.traceState(name, key, values);
  }

  /** {@code trace_flags}: samples traces with a span whose sampled flag is set. */
  public static TailSamplingPolicy traceFlags(String name) {
    return SimplePolicies.traceFlags(name);
  }

  /**
   * {@code rate_limiting}: a token bucket of spans, refilled at {@code spansPerSecond} up to twice
   * that; a trace is sampled when its span count fits the tokens left.
   *
   * @throws IllegalArgumentException if {@code spansPerSecond} is not positive, or so large that
   *     twice it does not fit a long
   */
  public static TailSamplingPolicy rateLimiting(String name, long spansPerSecond) {
    return rateLimiting(
        name, spansPerSecond, ArgumentChecks.doubledBurst("spansPerSecond", spansPerSecond));
  }

  /**
   * {@code rate_limiting} with a {@code burst_capacity}: the most spans the bucket holds, and so
   * the largest trace it can ever sample.
   *
   * @throws IllegalArgumentException if a limit is not positive
   */
  public static TailSamplingPolicy rateLimiting(
      String name, long spansPerSecond, long burstCapacity) {
    return SimplePolicies.rateLimiting(name, spansPerSecond, burstCapacity);
  }

  /**
   * {@code bytes_limiting}: a token bucket of bytes, refilled at {@code bytesPerSecond} up to twice
   * that; a trace is sampled when its size fits the tokens left. The size is that of the trace's
   * spans as one OTLP protobuf message, as an OTLP exporter sends them.
   *
   * @throws IllegalArgumentException if {@code bytesPerSecond} is not positive, or so large that
   *     twice it does not fit a long
   */
  public static TailSamplingPolicy bytesLimiting(String name, long bytesPerSecond) {
    return bytesLimiting(
        name, bytesPerSecond, ArgumentChecks.doubledBurst("bytesPerSecond", bytesPerSecond));
  }

  /**
   * {@code bytes_limiting} with a {@code burst_capacity}: the most bytes the bucket holds, and so
   * the largest trace it can ever sample.
   *
   * @throws IllegalArgumentException if a limit is not positive
   */
  public static TailSamplingPolicy bytesLimiting(
      String name, long bytesPerSecond, long burstCapacity) {
    return SimplePolicies.bytesLimiting(name, bytesPerSecond, burstCapacity);
  }

  /**
   * {@code composite}: the sub-policies in order, the first that samples a trace deciding, each
   * within its share of {@code maxTotalSpansPerSecond} per second ({@code rate_allocation}).
   *
   * @param maxTotalSpansPerSecond {@code max_total_spans_per_second}
   * @param subPolicies {@code composite_sub_policy}; {@code and} may be among them
   * @param percentBySubPolicy {@code rate_allocation}: a sub-policy's name to its percentage of
   *     {@code maxTotalSpansPerSecond} (0 or less: an equal share); as in the Collector, a
   *     sub-policy without an allocation gets none and never samples
   * @throws IllegalArgumentException if the total is not positive, a sub-policy cannot be nested,
   *     or an allocation names no sub-policy or is null
   */
  public static TailSamplingPolicy composite(
      String name,
      long maxTotalSpansPerSecond,
      List<TailSamplingPolicy> subPolicies,
      Map<String, Integer> percentBySubPolicy) {
    return CombiningPolicies.composite(
        name, maxTotalSpansPerSecond, subPolicies, percentBySubPolicy);
  }

  /**
   * {@code ottl_condition}: samples traces with a span that matches one of {@code spanConditions}
   * or a span event that matches one of {@code spanEventConditions}, OTTL conditions such as {@code
   * attributes["http.route"] == "/checkout" and status.code == STATUS_CODE_ERROR}. The simulator
   * supports comparisons of fields, attributes and literals with {@code and}, {@code or}, {@code
   * not}; it refuses anything else, such as a function, naming it.
   *
   * @param spanConditions conditions in the span context ({@code span:} in the YAML)
   * @param spanEventConditions conditions in the span-event context ({@code spanevent:})
   * @throws IllegalArgumentException if there is no condition at all, or one the simulator cannot
   *     evaluate
   */
  public static TailSamplingPolicy ottlCondition(
      String name, List<String> spanConditions, List<String> spanEventConditions) {
    return SimplePolicies.ottlCondition(name, spanConditions, spanEventConditions);
  }

  /**
   * {@code and}: samples traces that every sub-policy samples, asked in order until one does not.
   *
   * @throws IllegalArgumentException if there is no sub-policy, or one the Collector cannot nest
   */
  public static TailSamplingPolicy and(String name, TailSamplingPolicy... subPolicies) {
    return CombiningPolicies.and(name, subPolicies);
  }

  /**
   * {@code drop}: when every sub-policy samples a trace, drops it, whatever the other policies say.
   *
   * @throws IllegalArgumentException if there is no sub-policy, or one the Collector cannot nest
   */
  public static TailSamplingPolicy drop(String name, TailSamplingPolicy... subPolicies) {
    return CombiningPolicies.drop(name, subPolicies);
  }

  /**
   * {@code not}: samples the traces its sub-policy does not sample, and the other way round.
   *
   * @throws IllegalArgumentException if the sub-policy is one the Collector cannot nest
   */
  public static TailSamplingPolicy not(String name, TailSamplingPolicy subPolicy) {
    return CombiningPolicies.not(name, subPolicy);
  }

  /**
   * {@code invert_match} for the attribute policies: this policy's decision, flipped. As in the
   * Collector since contrib PR #48976, this only changes this policy's own vote; to discard traces
   * whatever the others say, use {@link #drop(String, TailSamplingPolicy...)}.
   *
   * @throws IllegalStateException if this is not a {@code string_attribute}, {@code
   *     numeric_attribute} or {@code boolean_attribute} policy
   */
  public TailSamplingPolicy invertMatch() {
    if (!invertible) {
      throw new IllegalStateException(
          "invert_match applies to string_attribute, numeric_attribute and boolean_attribute"
              + " policies, but ["
              + name
              + "] is a "
              + type
              + " policy");
    }
    return new TailSamplingPolicy(name, type, evaluators, true, true, subPolicies);
  }

  /** The policy's name, unique in a {@link TailSampling}. */
  public String name() {
    return name;
  }

  /** The policy's type, as the Collector's YAML spells it, e.g. {@code string_attribute}. */
  public String type() {
    return type;
  }

  /** {@code [name] type}. */
  @Override
  public String toString() {
    return "[" + name + "] " + type + (inverted ? " (invert_match)" : "");
  }

  /**
   * Whether the policy remembers earlier traces (a rate limit or {@code composite}, or holds one),
   * which the Collector refuses under {@code sampling_strategy: span-ingest}.
   */
  boolean isStateful() {
    return STATEFUL.contains(type) || subPolicies.stream().anyMatch(TailSamplingPolicy::isStateful);
  }

  /** A fresh evaluator, with its own rate-limit state. */
  PolicyEvaluator newEvaluator() {
    return evaluators.apply(inverted);
  }
}
