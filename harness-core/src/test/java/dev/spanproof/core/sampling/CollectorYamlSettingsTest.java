package dev.spanproof.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Settings read from the Collector's YAML take effect as the Collector's would, and mistakes in the
 * less common fields are named like those in the common ones.
 */
class CollectorYamlSettingsTest {

  private static TailSampling read(String policy) {
    return TailSampling.fromCollectorYaml("policies:\n  - " + policy + "\n");
  }

  private static boolean samples(String policy, SpanData... spans) {
    return read(policy).decide(List.of(spans)).isSampled();
  }

  private static SpanData span(long id) {
    return TestSpan.named("span " + id).id(id).build();
  }

  @Test
  void sample_on_first_match_leaves_the_later_policies_unasked() {
    String policies =
        """
        policies:
          - {name: all, type: always_sample}
          - {name: also, type: always_sample}
        """;

    TailSamplingDecision first =
        TailSampling.fromCollectorYaml("sample_on_first_match: true\n" + policies)
            .decide(List.of(span(1)));
    TailSamplingDecision every =
        TailSampling.fromCollectorYaml("sample_on_first_match: false\n" + policies)
            .decide(List.of(span(1)));

    assertThat(first.verdicts().get(1))
        .hasToString(
            "[also] always_sample: sample_on_first_match: [all] already sampled the trace → not"
                + " evaluated");
    assertThat(every.verdicts().get(1))
        .hasToString("[also] always_sample: samples every trace → sampled");
  }

  @Test
  void the_decision_cache_sizes_are_checked_too() {
    assertThatThrownBy(
            () ->
                TailSampling.fromCollectorYaml(
                    """
                    decision_cache: {sampled_cache_size: lots}
                    policies: [{name: a, type: always_sample}]
                    """))
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessage(
            "tail_sampling (line 1): decision_cache.sampled_cache_size must be an integer, but is"
                + " \"lots\"");
  }

  @Test
  void a_nameless_sub_policy_is_named_by_its_position() {
    String yaml =
        """
        policies:
          - name: both
            type: and
            and:
              and_sub_policy:
                - {name: a, type: always_sample}
                - {type: always_sample}
        """;

    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(yaml))
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessage("tail_sampling policy \"both\" sub-policy #2 (line 7): \"name\" is missing");
  }

  @Test
  void string_attribute_matches_regexes_only_when_enabled() {
    SpanData api = TestSpan.named("a").attribute("http.route", "/api/orders").build();
    String values = "key: http.route, values: [\"^/api/\"]";

    assertThat(
            samples(
                "{name: r, type: string_attribute, string_attribute: {"
                    + values
                    + ", enabled_regex_matching: true}}",
                api))
        .isTrue();
    assertThat(
            samples("{name: r, type: string_attribute, string_attribute: {" + values + "}}", api))
        .isFalse();
  }

  @Test
  void rate_limiting_without_burst_capacity_holds_twice_the_rate() {
    String twoPerSecond = "{name: r, type: rate_limiting, rate_limiting: {spans_per_second: 2}}";

    assertThat(samples(twoPerSecond, span(1), span(2), span(3), span(4))).isTrue();
    assertThat(samples(twoPerSecond, span(1), span(2), span(3), span(4), span(5))).isFalse();
  }

  @Test
  void latency_reads_its_threshold() {
    String slow = "{name: slow, type: latency, latency: {threshold_ms: 100}}";

    assertThat(samples(slow, TestSpan.named("fast").took(50).build())).isFalse();
    assertThat(samples(slow, TestSpan.named("slow").took(150).build())).isTrue();
  }

  @Test
  void span_count_reads_its_bounds_which_must_fit_32_bits() {
    String atLeastTwo = "{name: c, type: span_count, span_count: {min_spans: 2}}";

    assertThat(samples(atLeastTwo, span(1))).isFalse();
    assertThat(samples(atLeastTwo, span(1), span(2))).isTrue();
    assertThat(
            samples(
                "{name: c, type: span_count, span_count: {min_spans: 1, max_spans: 2147483647}}",
                span(1)))
        .isTrue();
    assertThatThrownBy(
            () -> read("{name: c, type: span_count, span_count: {min_spans: 2147483648}}"))
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessage(
            "tail_sampling policy \"c\" (line 2): span_count.min_spans must fit 32 bits (int32),"
                + " but is 2147483648");
  }

  @Test
  void probabilistic_reads_its_percentage() {
    assertThat(
            samples(
                "{name: all, type: probabilistic, probabilistic: {sampling_percentage: 100}}",
                span(1)))
        .isTrue();
  }

  @Test
  void boolean_attribute_reads_its_value() {
    String debugOff =
        "{name: d, type: boolean_attribute, boolean_attribute: {key: debug, value: false}}";

    assertThat(samples(debugOff, TestSpan.named("a").attribute("debug", false).build())).isTrue();
    assertThat(samples(debugOff, TestSpan.named("a").attribute("debug", true).build())).isFalse();
    String debugOn =
        "{name: d, type: boolean_attribute, boolean_attribute: {key: debug, value: true}}";
    assertThat(samples(debugOn, TestSpan.named("a").attribute("debug", true).build())).isTrue();
  }

  @Test
  void an_ottl_condition_in_the_span_event_context_is_refused_with_its_line() {
    String yaml =
        """
        policies:
          - name: ev
            type: ottl_condition
            ottl_condition:
              spanevent:
                - IsMatch(name, "x")
        """;

    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(yaml))
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessage(
            "tail_sampling policy \"ev\" (line 6): OTTL condition \"IsMatch(name, \"x\")\" uses the"
                + " OTTL function IsMatch, which the simulator does not support");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ottl without conditions | {name: o, type: ottl_condition, ottl_condition: {error_mode: ignore}} | tail_sampling policy "o" (line 2): "ottl_condition.span" and "ottl_condition.spanevent" are missing; give at least one condition
          missing values | {name: s, type: string_attribute, string_attribute: {key: k}} | tail_sampling policy "s" (line 2): "string_attribute.values" is missing
          a mapping for a list | {name: e, type: status_code, status_code: {status_codes: {a: b}}} | tail_sampling policy "e" (line 2): status_code.status_codes must be a list of strings, but is a mapping
          a number for a block | {name: slow, type: latency, latency: 5} | tail_sampling policy "slow" (line 2): latency must be a mapping of fields, but is 5
          missing boolean | {name: d, type: boolean_attribute, boolean_attribute: {key: debug}} | tail_sampling policy "d" (line 2): "boolean_attribute.value" is missing
          not without its sub-policy | {name: n, type: not, not: {}} | tail_sampling policy "n" (line 2): "not.not_sub_policy" is missing
          """)
  void a_mistake_in_a_less_common_field_names_it(String mistake, String policy, String message) {
    assertThatThrownBy(() -> read(policy))
        .as(mistake)
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessage(message);
  }
}
