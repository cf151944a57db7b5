package dev.spanproof.core.sampling;

import io.opentelemetry.api.trace.StatusCode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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

  /** Types that only stand at the top level: the Collector cannot nest them in another policy. */
  private static final Set<String> TOP_LEVEL_ONLY = Set.of("and", "not", "drop", "composite");

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

  private static TailSamplingPolicy of(
      String name, String type, Function<String, PolicyEvaluator> evaluator) {
    return of(name, type, evaluator, List.of());
  }

  private static TailSamplingPolicy of(
      String name,
      String type,
      Function<String, PolicyEvaluator> evaluator,
      List<TailSamplingPolicy> subPolicies) {
    requireName(name);
    return new TailSamplingPolicy(
        name, type, invert -> evaluator.apply(name), false, false, subPolicies);
  }

  private static TailSamplingPolicy invertible(
      String name, String type, Function<Boolean, PolicyEvaluator> evaluator) {
    requireName(name);
    return new TailSamplingPolicy(name, type, evaluator, true, false, List.of());
  }

  /** {@code always_sample}: samples every trace. */
  public static TailSamplingPolicy alwaysSample(String name) {
    return of(name, "always_sample", AlwaysSampleEvaluator::new);
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
    requireNotNegative("thresholdMs", thresholdMs);
    requireNotNegative("upperThresholdMs", upperThresholdMs);
    return of(
        name, "latency", policy -> new LatencyEvaluator(policy, thresholdMs, upperThresholdMs));
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
    if (!Double.isFinite(samplingPercentage)) {
      throw new IllegalArgumentException(
          "samplingPercentage must be a finite number, but was " + samplingPercentage);
    }
    requireNonNull("hashSalt", hashSalt);
    return of(
        name,
        "probabilistic",
        policy -> new ProbabilisticEvaluator(policy, samplingPercentage, hashSalt));
  }

  /**
   * {@code status_code}: samples traces with a span whose status is one of {@code codes}.
   *
   * @throws IllegalArgumentException if no code is given
   */
  public static TailSamplingPolicy statusCode(String name, StatusCode... codes) {
    List<StatusCode> list = requireElements("codes", codes);
    return of(name, "status_code", policy -> new StatusCodeEvaluator(policy, list));
  }

  /**
   * {@code string_attribute}: samples traces with a resource or span attribute {@code key} equal to
   * one of {@code values}. See {@link #invertMatch()}.
   *
   * @throws IllegalArgumentException if no value is given
   */
  public static TailSamplingPolicy stringAttribute(String name, String key, String... values) {
    requireNonNull("key", key);
    List<String> list = requireElements("values", values);
    return invertible(
        name,
        "string_attribute",
        invert -> new StringAttributeEvaluator(name, key, list, false, invert));
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
    requireNonNull("key", key);
    List<String> list = requireElements("regexes", regexes);
    for (String regex : list) {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "regexes: "
                + Texts.quote(regex)
                + " is not a regular expression: "
                + e.getDescription(),
            e);
      }
    }
    return invertible(
        name,
        "string_attribute",
        invert -> new StringAttributeEvaluator(name, key, list, true, invert));
  }

  /**
   * {@code numeric_attribute}: samples traces with a resource or span attribute {@code key} in
   * {@code [minValue, maxValue]}; as in the Collector, a bound of 0 means unbounded. See {@link
   * #invertMatch()}.
   */
  public static TailSamplingPolicy numericAttribute(
      String name, String key, long minValue, long maxValue) {
    requireNonNull("key", key);
    return invertible(
        name,
        "numeric_attribute",
        invert -> new NumericAttributeEvaluator(name, key, minValue, maxValue, invert));
  }

  /**
   * {@code boolean_attribute}: samples traces with a resource or span attribute {@code key} equal
   * to {@code value}. See {@link #invertMatch()}.
   */
  public static TailSamplingPolicy booleanAttribute(String name, String key, boolean value) {
    requireNonNull("key", key);
    return invertible(
        name,
        "boolean_attribute",
        invert -> new BooleanAttributeEvaluator(name, key, value, invert));
  }

  /**
   * {@code span_count}: samples traces with at least {@code minSpans} and at most {@code maxSpans}
   * spans (0: no maximum).
   *
   * @throws IllegalArgumentException if a bound is negative
   */
  public static TailSamplingPolicy spanCount(String name, int minSpans, int maxSpans) {
    requireNotNegative("minSpans", minSpans);
    requireNotNegative("maxSpans", maxSpans);
    return of(name, "span_count", policy -> new SpanCountEvaluator(policy, minSpans, maxSpans));
  }

  /**
   * {@code trace_state}: samples traces with a span whose trace state has {@code key} with one of
   * {@code values}.
   *
   * @throws IllegalArgumentException if no value is given
   */
  public static TailSamplingPolicy traceState(String name, String key, String... values) {
    requireNonNull("key", key);
    List<String> list = requireElements("values", values);
    return of(name, "trace_state", policy -> new TraceStateEvaluator(policy, key, list));
  }

  /** {@code trace_flags}: samples traces with a span whose sampled flag is set. */
  public static TailSamplingPolicy traceFlags(String name) {
    return of(name, "trace_flags", TraceFlagsEvaluator::new);
  }

  /**
   * {@code rate_limiting}: a token bucket of spans, refilled at {@code spansPerSecond} up to twice
   * that; a trace is sampled when its span count fits the tokens left.
   *
   * @throws IllegalArgumentException if {@code spansPerSecond} is not positive
   */
  public static TailSamplingPolicy rateLimiting(String name, long spansPerSecond) {
    // The overload checks spansPerSecond before it reads the doubled burst capacity.
    return rateLimiting(name, spansPerSecond, 2 * spansPerSecond);
  }

  /**
   * {@code rate_limiting} with a {@code burst_capacity}: the most spans the bucket holds, and so
   * the largest trace it can ever sample.
   *
   * @throws IllegalArgumentException if a limit is not positive
   */
  public static TailSamplingPolicy rateLimiting(
      String name, long spansPerSecond, long burstCapacity) {
    requirePositive("spansPerSecond", spansPerSecond);
    requirePositive("burstCapacity", burstCapacity);
    return of(
        name,
        "rate_limiting",
        policy -> RateLimitingEvaluator.spans(policy, spansPerSecond, burstCapacity));
  }

  /**
   * {@code bytes_limiting}: a token bucket of bytes, refilled at {@code bytesPerSecond} up to twice
   * that; a trace is sampled when its size fits the tokens left. The size is that of the trace's
   * spans as one OTLP protobuf message, as an OTLP exporter sends them.
   *
   * @throws IllegalArgumentException if {@code bytesPerSecond} is not positive
   */
  public static TailSamplingPolicy bytesLimiting(String name, long bytesPerSecond) {
    // The overload checks bytesPerSecond before it reads the doubled burst capacity.
    return bytesLimiting(name, bytesPerSecond, 2 * bytesPerSecond);
  }

  /**
   * {@code bytes_limiting} with a {@code burst_capacity}: the most bytes the bucket holds, and so
   * the largest trace it can ever sample.
   *
   * @throws IllegalArgumentException if a limit is not positive
   */
  public static TailSamplingPolicy bytesLimiting(
      String name, long bytesPerSecond, long burstCapacity) {
    requirePositive("bytesPerSecond", bytesPerSecond);
    requirePositive("burstCapacity", burstCapacity);
    return of(
        name,
        "bytes_limiting",
        policy -> RateLimitingEvaluator.bytes(policy, bytesPerSecond, burstCapacity, OtlpSize::of));
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
   *     or an allocation names no sub-policy
   */
  public static TailSamplingPolicy composite(
      String name,
      long maxTotalSpansPerSecond,
      List<TailSamplingPolicy> subPolicies,
      Map<String, Integer> percentBySubPolicy) {
    requirePositive("maxTotalSpansPerSecond", maxTotalSpansPerSecond);
    requireNonNull("subPolicies", subPolicies);
    List<TailSamplingPolicy> subs =
        requireNestable("composite", subPolicies.toArray(TailSamplingPolicy[]::new), Set.of("and"));
    Map<String, Integer> percents =
        Map.copyOf(requireNonNull("percentBySubPolicy", percentBySubPolicy));
    List<String> names = subs.stream().map(TailSamplingPolicy::name).toList();
    for (String allocated : percents.keySet()) {
      if (!names.contains(allocated)) {
        throw new IllegalArgumentException(
            "percentBySubPolicy: allocates to \""
                + allocated
                + "\", which is not a sub-policy; they are "
                + names);
      }
    }
    // As the Collector's composite_helper.go: float64 shares, truncated to int64.
    double equalShare = (double) maxTotalSpansPerSecond / subs.size();
    List<Long> shares =
        names.stream()
            .map(
                sub -> {
                  Integer percent = percents.get(sub);
                  if (percent == null) {
                    return 0L;
                  }
                  return (long)
                      (percent > 0 ? (percent / 100.0) * maxTotalSpansPerSecond : equalShare);
                })
            .toList();
    return of(
        name,
        "composite",
        policy -> new CompositeEvaluator(policy, maxTotalSpansPerSecond, evaluators(subs), shares));
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
    List<OttlCondition> span = parse("spanConditions", spanConditions, OttlCondition.Context.SPAN);
    List<OttlCondition> spanEvent =
        parse("spanEventConditions", spanEventConditions, OttlCondition.Context.SPANEVENT);
    if (span.isEmpty() && spanEvent.isEmpty()) {
      throw new IllegalArgumentException(
          "spanConditions and spanEventConditions are empty; the Collector needs at least one"
              + " condition");
    }
    return of(
        name, "ottl_condition", policy -> new OttlConditionEvaluator(policy, span, spanEvent));
  }

  private static List<OttlCondition> parse(
      String parameter, List<String> conditions, OttlCondition.Context context) {
    requireNonNull(parameter, conditions);
    return requireElements(parameter, conditions.toArray(String[]::new), true).stream()
        .map(condition -> OttlCondition.parse(condition, context))
        .toList();
  }

  /**
   * {@code and}: samples traces that every sub-policy samples, asked in order until one does not.
   *
   * @throws IllegalArgumentException if there is no sub-policy, or one the Collector cannot nest
   */
  public static TailSamplingPolicy and(String name, TailSamplingPolicy... subPolicies) {
    List<TailSamplingPolicy> list = requireNestable("and", subPolicies, Set.of());
    return of(name, "and", policy -> AndEvaluator.and(policy, evaluators(list)), list);
  }

  /**
   * {@code drop}: when every sub-policy samples a trace, drops it, whatever the other policies say.
   *
   * @throws IllegalArgumentException if there is no sub-policy, or one the Collector cannot nest
   */
  public static TailSamplingPolicy drop(String name, TailSamplingPolicy... subPolicies) {
    List<TailSamplingPolicy> list = requireNestable("drop", subPolicies, Set.of());
    return of(name, "drop", policy -> AndEvaluator.drop(policy, evaluators(list)), list);
  }

  /**
   * {@code not}: samples the traces its sub-policy does not sample, and the other way round.
   *
   * @throws IllegalArgumentException if the sub-policy is one the Collector cannot nest
   */
  public static TailSamplingPolicy not(String name, TailSamplingPolicy subPolicy) {
    List<TailSamplingPolicy> list =
        requireNestable("not", new TailSamplingPolicy[] {subPolicy}, Set.of());
    return of(name, "not", policy -> new NotEvaluator(policy, list.get(0).newEvaluator()), list);
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

  static List<PolicyEvaluator> evaluators(List<TailSamplingPolicy> policies) {
    return policies.stream().map(TailSamplingPolicy::newEvaluator).toList();
  }

  /**
   * The sub-policies of a {@code parent} policy, checked: present, and of types the Collector lets
   * it nest ({@code alsoAllowed} adds to the simple ones, e.g. {@code and} in {@code composite}).
   */
  static List<TailSamplingPolicy> requireNestable(
      String parent, TailSamplingPolicy[] subPolicies, Set<String> alsoAllowed) {
    List<TailSamplingPolicy> list = requireElements("subPolicies", subPolicies);
    for (TailSamplingPolicy sub : list) {
      if (TOP_LEVEL_ONLY.contains(sub.type) && !alsoAllowed.contains(sub.type)) {
        throw new IllegalArgumentException(
            "subPolicies: the Collector cannot nest a "
                + sub.type
                + " policy in "
                + parent
                + ", but got "
                + sub);
      }
    }
    return list;
  }

  private static void requireName(String name) {
    requireNonNull("name", name);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty: the Collector requires one");
    }
  }

  static <T> T requireNonNull(String parameter, T value) {
    return Objects.requireNonNull(value, () -> parameter + " must not be null");
  }

  private static <T> List<T> requireElements(String parameter, T[] values) {
    return requireElements(parameter, values, false);
  }

  private static <T> List<T> requireElements(String parameter, T[] values, boolean mayBeEmpty) {
    requireNonNull(parameter, values);
    if (values.length == 0 && !mayBeEmpty) {
      throw new IllegalArgumentException(parameter + " must not be empty");
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw new NullPointerException(parameter + "[" + i + "] must not be null");
      }
    }
    return List.copyOf(Arrays.asList(values));
  }

  static void requireNotNegative(String parameter, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(parameter + " must not be negative, but was " + value);
    }
  }

  static void requirePositive(String parameter, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(parameter + " must be positive, but was " + value);
    }
  }
}
