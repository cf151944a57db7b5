package dev.spanproof.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public entry point of the package refuses bad input with an {@link
 * IllegalArgumentException} that names the argument (or the YAML field and line) and what is wrong:
 * never a bare {@link NullPointerException}, an {@link ArithmeticException} or a silent
 * wrap-around.
 */
class BadInputTest {

  private static final TailSamplingPolicy ALL = TailSamplingPolicy.alwaysSample("all");
  private static final SpanData SPAN = TestSpan.named("a").build();

  private static Map<String, Integer> allocation(String policy, Integer percent) {
    // HashMap, since Map.of refuses nulls itself.
    Map<String, Integer> map = new HashMap<>();
    map.put(policy, percent);
    return map;
  }

  static Stream<Arguments> javaCalls() {
    return Stream.of(
        call("null name", () -> TailSamplingPolicy.alwaysSample(null), "name must not be null"),
        call(
            "empty name",
            () -> TailSamplingPolicy.traceFlags(""),
            "name must not be empty: the Collector requires one"),
        call(
            "NaN percentage",
            () -> TailSamplingPolicy.probabilistic("p", Double.NaN),
            "samplingPercentage must be a finite number, but was NaN"),
        call(
            "infinite percentage",
            () -> TailSamplingPolicy.probabilistic("p", Double.NEGATIVE_INFINITY),
            "samplingPercentage must be a finite number, but was -Infinity"),
        call(
            "null salt",
            () -> TailSamplingPolicy.probabilistic("p", 5, null),
            "hashSalt must not be null"),
        call(
            "null codes",
            () -> TailSamplingPolicy.statusCode("s", (StatusCode[]) null),
            "codes must not be null"),
        call("no codes", () -> TailSamplingPolicy.statusCode("s"), "codes must not be empty"),
        call(
            "null code",
            () -> TailSamplingPolicy.statusCode("s", StatusCode.ERROR, null),
            "codes[1] must not be null"),
        call(
            "null key",
            () -> TailSamplingPolicy.stringAttribute("s", null, "v"),
            "key must not be null"),
        call(
            "null value",
            () -> TailSamplingPolicy.stringAttribute("s", "k", (String) null),
            "values[0] must not be null"),
        call(
            "null regex",
            () -> TailSamplingPolicy.stringAttributeMatching("s", "k", "a.*", null),
            "regexes[1] must not be null"),
        call(
            "no regex",
            () -> TailSamplingPolicy.stringAttributeMatching("s", "k"),
            "regexes must not be empty"),
        call(
            "null numeric key",
            () -> TailSamplingPolicy.numericAttribute("n", null, 1, 2),
            "key must not be null"),
        call(
            "null boolean key",
            () -> TailSamplingPolicy.booleanAttribute("b", null, true),
            "key must not be null"),
        call(
            "null trace state key",
            () -> TailSamplingPolicy.traceState("t", null, "v"),
            "key must not be null"),
        call(
            "no trace state value",
            () -> TailSamplingPolicy.traceState("t", "k"),
            "values must not be empty"),
        call(
            "smallest latency",
            () -> TailSamplingPolicy.latency("l", Long.MIN_VALUE),
            "thresholdMs must not be negative, but was -9223372036854775808"),
        call(
            "smallest span count",
            () -> TailSamplingPolicy.spanCount("c", Integer.MIN_VALUE, 0),
            "minSpans must not be negative, but was -2147483648"),
        call(
            "rate too large to double",
            () -> TailSamplingPolicy.rateLimiting("r", Long.MAX_VALUE),
            "spansPerSecond must be at most 4611686018427387903 for the default burstCapacity,"
                + " twice it, to fit a long, but was 9223372036854775807"),
        call(
            "byte rate too large to double",
            () -> TailSamplingPolicy.bytesLimiting("b", Long.MAX_VALUE / 2 + 1),
            "bytesPerSecond must be at most 4611686018427387903 for the default burstCapacity,"
                + " twice it, to fit a long, but was 4611686018427387904"),
        call(
            "negative byte rate",
            () -> TailSamplingPolicy.bytesLimiting("b", Long.MIN_VALUE),
            "bytesPerSecond must be positive, but was -9223372036854775808"),
        call(
            "null allocation key",
            () -> TailSamplingPolicy.composite("c", 10, List.of(ALL), allocation(null, 50)),
            "percentBySubPolicy must not have a null key; its keys name sub-policies, which are"
                + " [all]"),
        call(
            "null allocation",
            () -> TailSamplingPolicy.composite("c", 10, List.of(ALL), allocation("all", null)),
            "percentBySubPolicy[\"all\"] must not be null; an allocation of 0 or less is an equal"
                + " share"),
        call(
            "null allocations",
            () -> TailSamplingPolicy.composite("c", 10, List.of(ALL), null),
            "percentBySubPolicy must not be null"),
        call(
            "null composite sub-policies",
            () -> TailSamplingPolicy.composite("c", 10, null, Map.of()),
            "subPolicies must not be null"),
        call(
            "null composite sub-policy",
            () ->
                TailSamplingPolicy.composite(
                    "c", 10, Arrays.asList(ALL, (TailSamplingPolicy) null), Map.of()),
            "subPolicies[1] must not be null"),
        call(
            "no composite sub-policy",
            () -> TailSamplingPolicy.composite("c", 10, List.of(), Map.of()),
            "subPolicies must not be empty"),
        call(
            "smallest composite total",
            () -> TailSamplingPolicy.composite("c", Long.MIN_VALUE, List.of(ALL), Map.of()),
            "maxTotalSpansPerSecond must be positive, but was -9223372036854775808"),
        call(
            "null span conditions",
            () -> TailSamplingPolicy.ottlCondition("o", null, List.of()),
            "spanConditions must not be null"),
        call(
            "null span event conditions",
            () -> TailSamplingPolicy.ottlCondition("o", List.of("true"), null),
            "spanEventConditions must not be null"),
        call(
            "null condition",
            () -> TailSamplingPolicy.ottlCondition("o", Arrays.asList((String) null), List.of()),
            "spanConditions[0] must not be null"),
        call(
            "empty condition",
            () -> TailSamplingPolicy.ottlCondition("o", List.of(""), List.of()),
            "OTTL condition \"\" ends where a value was expected"),
        call(
            "integer beyond int64 in a condition",
            () ->
                TailSamplingPolicy.ottlCondition(
                    "o", List.of("attributes[\"n\"] > 9223372036854775808"), List.of()),
            "OTTL condition \"attributes[\"n\"] > 9223372036854775808\" has the number"
                + " 9223372036854775808, which does not fit 64 bits (int64)"),
        call(
            "float beyond float64 in a condition",
            () ->
                TailSamplingPolicy.ottlCondition(
                    "o", List.of("attributes[\"n\"] > 1.0e400"), List.of()),
            "OTTL condition \"attributes[\"n\"] > 1.0e400\" has the number 1.0e400, which does not"
                + " fit 64 bits (float64)"),
        call(
            "null and sub-policies",
            () -> TailSamplingPolicy.and("a", (TailSamplingPolicy[]) null),
            "subPolicies must not be null"),
        call(
            "no and sub-policy",
            () -> TailSamplingPolicy.and("a"),
            "subPolicies must not be empty"),
        call(
            "null drop sub-policy",
            () -> TailSamplingPolicy.drop("d", ALL, null),
            "subPolicies[1] must not be null"),
        call(
            "null not sub-policy",
            () -> TailSamplingPolicy.not("n", null),
            "subPolicy must not be null"),
        call("null yaml", () -> TailSampling.fromCollectorYaml(null), "yaml must not be null"),
        call(
            "null processor",
            () -> TailSampling.fromCollectorYaml("policies: []", null),
            "processor must not be null"),
        call("null policy", () -> TailSampling.builder().policy(null), "policy must not be null"),
        call(
            "null decision wait",
            () -> TailSampling.builder().decisionWait(null),
            "decisionWait must not be null"),
        call(
            "negative decision wait",
            () -> TailSampling.builder().decisionWait(Duration.ofNanos(-1)),
            "decisionWait must not be negative, but was PT-0.000000001S"),
        call(
            "decision wait beyond Go's durations",
            () -> TailSampling.builder().decisionWait(YamlDuration.MAX.plusNanos(1)),
            "decisionWait must be at most PT2562047H47M16.854775807S, Go's largest duration, but"
                + " was PT2562047H47M16.854775808S"),
        call("null clock", () -> TailSampling.builder().clock(null), "clock must not be null"),
        call("null new clock", () -> sampling().withClock(null), "clock must not be null"),
        call("null spans", () -> sampling().decide(null), "spansOfOneTrace must not be null"),
        call("no spans", () -> sampling().decide(List.of()), "spansOfOneTrace must not be empty"),
        call(
            "null span",
            () -> sampling().decide(Arrays.asList(SPAN, null)),
            "spansOfOneTrace[1] must not be null"));
  }

  private static Arguments call(String input, ThrowingCallable call, String message) {
    return arguments(input, call, message);
  }

  private static TailSampling sampling() {
    return TailSampling.builder().policy(ALL).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javaCalls")
  void a_java_call_with_bad_input_names_the_argument(
      String input, ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .as(input)
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      percent beyond int32 | {name: c, type: composite, composite: {max_total_spans_per_second: 10, composite_sub_policy: [{name: a, type: always_sample}], rate_allocation: [{policy: a, percent: 2147483648}]}} | tail_sampling policy "c" rate_allocation (line 2): percent must fit 32 bits (int32), as TailSamplingPolicy.composite takes it, but is 2147483648
      percent below int32 | {name: c, type: composite, composite: {max_total_spans_per_second: 10, composite_sub_policy: [{name: a, type: always_sample}], rate_allocation: [{policy: a, percent: -2147483649}]}} | tail_sampling policy "c" rate_allocation (line 2): percent must fit 32 bits (int32), as TailSamplingPolicy.composite takes it, but is -2147483649
      percent beyond int64 | {name: c, type: composite, composite: {max_total_spans_per_second: 10, composite_sub_policy: [{name: a, type: always_sample}], rate_allocation: [{policy: a, percent: 9223372036854775808}]}} | tail_sampling policy "c" rate_allocation (line 2): percent must fit 64 bits (int64), but is 9223372036854775808
      float percent | {name: c, type: composite, composite: {max_total_spans_per_second: 10, composite_sub_policy: [{name: a, type: always_sample}], rate_allocation: [{policy: a, percent: 1.5}]}} | tail_sampling policy "c" rate_allocation (line 2): percent must be an integer, but is 1.5
      text percent | {name: c, type: composite, composite: {max_total_spans_per_second: 10, composite_sub_policy: [{name: a, type: always_sample}], rate_allocation: [{policy: a, percent: half}]}} | tail_sampling policy "c" rate_allocation (line 2): percent must be an integer, but is "half"
      total beyond int64 | {name: c, type: composite, composite: {max_total_spans_per_second: 9_223_372_036_854_775_808, composite_sub_policy: [{name: a, type: always_sample}]}} | tail_sampling policy "c" (line 2): composite.max_total_spans_per_second must fit 64 bits (int64), but is 9_223_372_036_854_775_808
      negative total | {name: c, type: composite, composite: {max_total_spans_per_second: -1, composite_sub_policy: [{name: a, type: always_sample}]}} | tail_sampling policy "c" (line 2): composite.max_total_spans_per_second must be positive, but is -1
      threshold beyond int64 | {name: l, type: latency, latency: {threshold_ms: 9223372036854775808}} | tail_sampling policy "l" (line 2): latency.threshold_ms must fit 64 bits (int64), but is 9223372036854775808
      threshold below int64 | {name: l, type: latency, latency: {threshold_ms: -9223372036854775809}} | tail_sampling policy "l" (line 2): latency.threshold_ms must fit 64 bits (int64), but is -9223372036854775809
      hexadecimal threshold | {name: l, type: latency, latency: {threshold_ms: 0x10}} | tail_sampling policy "l" (line 2): latency.threshold_ms must be a decimal integer, but is 0x10
      float threshold | {name: l, type: latency, latency: {threshold_ms: 1.5}} | tail_sampling policy "l" (line 2): latency.threshold_ms must be an integer, but is 1.5
      negative upper threshold | {name: l, type: latency, latency: {threshold_ms: 1, upper_threshold_ms: -1}} | tail_sampling policy "l" (line 2): latency.upper_threshold_ms must not be negative, but is -1
      negative min spans | {name: c, type: span_count, span_count: {min_spans: -1}} | tail_sampling policy "c" (line 2): span_count.min_spans must not be negative, but is -1
      max spans beyond int32 | {name: c, type: span_count, span_count: {min_spans: 1, max_spans: 2147483648}} | tail_sampling policy "c" (line 2): span_count.max_spans must fit 32 bits (int32), but is 2147483648
      float min spans | {name: c, type: span_count, span_count: {min_spans: 2.0}} | tail_sampling policy "c" (line 2): span_count.min_spans must be an integer, but is 2.0
      rate too large to double | {name: r, type: rate_limiting, rate_limiting: {spans_per_second: 9223372036854775807}} | tail_sampling policy "r" (line 2): rate_limiting.spans_per_second must be at most 4611686018427387903 for the default burst_capacity, twice it, to fit 64 bits (int64), but is 9223372036854775807
      byte rate too large to double | {name: b, type: bytes_limiting, bytes_limiting: {bytes_per_second: 4611686018427387904}} | tail_sampling policy "b" (line 2): bytes_limiting.bytes_per_second must be at most 4611686018427387903 for the default burst_capacity, twice it, to fit 64 bits (int64), but is 4611686018427387904
      burst beyond int64 | {name: r, type: rate_limiting, rate_limiting: {spans_per_second: 5, burst_capacity: 9223372036854775808}} | tail_sampling policy "r" (line 2): rate_limiting.burst_capacity must fit 64 bits (int64), but is 9223372036854775808
      negative burst | {name: r, type: rate_limiting, rate_limiting: {spans_per_second: 5, burst_capacity: -1}} | tail_sampling policy "r" (line 2): rate_limiting.burst_capacity must be positive, but is -1
      percentage beyond float64 | {name: p, type: probabilistic, probabilistic: {sampling_percentage: 1.0e+400}} | tail_sampling policy "p" (line 2): probabilistic.sampling_percentage must fit 64 bits (float64), but is 1.0e+400
      integer percentage beyond float64 | {name: p, type: probabilistic, probabilistic: {sampling_percentage: -1%s}} | tail_sampling policy "p" (line 2): probabilistic.sampling_percentage must fit 64 bits (float64), but is -1%s
      infinite percentage | {name: p, type: probabilistic, probabilistic: {sampling_percentage: .inf}} | tail_sampling policy "p" (line 2): probabilistic.sampling_percentage must be a number, but is .inf
      NaN percentage | {name: p, type: probabilistic, probabilistic: {sampling_percentage: .NaN}} | tail_sampling policy "p" (line 2): probabilistic.sampling_percentage must be a number, but is .NaN
      min value beyond int64 | {name: n, type: numeric_attribute, numeric_attribute: {key: k, min_value: -9223372036854775809}} | tail_sampling policy "n" (line 2): numeric_attribute.min_value must fit 64 bits (int64), but is -9223372036854775809
      float max value | {name: n, type: numeric_attribute, numeric_attribute: {key: k, max_value: 1.5}} | tail_sampling policy "n" (line 2): numeric_attribute.max_value must be an integer, but is 1.5
      cache size beyond int64 | {name: s, type: string_attribute, string_attribute: {key: k, values: [v], cache_max_size: 99999999999999999999}} | tail_sampling policy "s" (line 2): string_attribute.cache_max_size must fit 64 bits (int64), but is 99999999999999999999
      integer beyond int64 in a condition | {name: o, type: ottl_condition, ottl_condition: {span: ["attributes[\\"n\\"] > 9223372036854775808"]}} | tail_sampling policy "o" (line 2): OTTL condition "attributes["n"] > 9223372036854775808" has the number 9223372036854775808, which does not fit 64 bits (int64)
      """)
  void a_yaml_field_with_a_bad_number_names_the_field_and_the_line(
      String input, String policy, String message) {
    // "%s": 400 digits, which a double holds only as infinity.
    String digits = "0".repeat(400);
    String yaml = "policies:\n  - " + policy.replace("%s", digits) + "\n";

    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(yaml))
        .as(input)
        .isExactlyInstanceOf(TailSamplingConfigException.class)
        .hasMessage(message.replace("%s", digits));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      negative num_traces | num_traces: -1 | tail_sampling (line 1): num_traces must not be negative, but is -1
      negative expected_new_traces_per_sec | expected_new_traces_per_sec: -5 | tail_sampling (line 1): expected_new_traces_per_sec must not be negative, but is -5
      negative maximum_trace_size_bytes | maximum_trace_size_bytes: -1 | tail_sampling (line 1): maximum_trace_size_bytes must not be negative, but is -1
      float num_traces | num_traces: 1.5 | tail_sampling (line 1): num_traces must be an integer, but is 1.5
      cache size beyond int64 | decision_cache: {sampled_cache_size: 9223372036854775808} | tail_sampling (line 1): decision_cache.sampled_cache_size must fit 64 bits (int64), but is 9223372036854775808
      decision_wait beyond Go's durations | decision_wait: 2562047h47m16.854775808s | tail_sampling (line 1): decision_wait must be at most 2562047h47m16.854775807s, Go's largest duration, but is "2562047h47m16.854775808s"
      decision_wait far beyond | decision_wait: 99999999999999999999h | tail_sampling (line 1): decision_wait must be at most 2562047h47m16.854775807s, Go's largest duration, but is "99999999999999999999h"
      decision_wait_after_root_received beyond | decision_wait_after_root_received: 3000000h | tail_sampling (line 1): decision_wait_after_root_received must be at most 2562047h47m16.854775807s, Go's largest duration, but is "3000000h"
      """)
  void a_processor_setting_with_a_bad_number_names_the_field_and_the_line(
      String input, String setting, String message) {
    String yaml = setting + "\npolicies: [{name: a, type: always_sample}]\n";

    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(yaml))
        .as(input)
        .isExactlyInstanceOf(TailSamplingConfigException.class)
        .hasMessage(message);
  }

  @Test
  void a_key_given_twice_is_refused_as_go_refuses_it() {
    String yaml =
        """
        processors:
          tail_sampling:
            policies: [{name: a, type: always_sample}]
          tail_sampling:
            policies: [{name: b, type: always_sample}]
        """;

    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(yaml))
        .isExactlyInstanceOf(TailSamplingConfigException.class)
        .hasMessage("tail_sampling (line 4): field \"tail_sampling\" appears twice");
  }

  @Test
  void the_boundary_values_are_accepted() {
    assertThat(TailSamplingPolicy.rateLimiting("r", Long.MAX_VALUE / 2))
        .hasToString("[r] rate_limiting");
    assertThat(TailSamplingPolicy.composite("c", 10, List.of(ALL), Map.of("all", -1)))
        .hasToString("[c] composite");
    assertThat(
            TailSampling.builder()
                .policy(ALL)
                .decisionWait(YamlDuration.MAX)
                .build()
                .decide(List.of(SPAN))
                .isSampled())
        .isTrue();
    assertThat(
            TailSampling.fromCollectorYaml(
                    """
                    decision_wait: 2562047h47m16.854775807s
                    num_traces: 0
                    policies:
                      - name: c
                        type: composite
                        composite:
                          max_total_spans_per_second: 10
                          composite_sub_policy:
                            - {name: a, type: always_sample}
                            - name: r
                              type: rate_limiting
                              rate_limiting:
                                spans_per_second: 9223372036854775807
                                burst_capacity: 9223372036854775807
                          rate_allocation:
                            - {policy: a, percent: 2147483647}
                            - {policy: r, percent: -2147483648}
                    """)
                .policies())
        .hasSize(1);
  }
}
