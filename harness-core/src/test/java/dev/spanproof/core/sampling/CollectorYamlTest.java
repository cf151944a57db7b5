package dev.spanproof.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the Collector's own YAML: where the processor is, every policy type, every mistake. */
class CollectorYamlTest {

  private static final String WHOLE_CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc:
      processors:
        batch:
        tail_sampling:
          decision_wait: 10s
          num_traces: 100
          policies:
            - name: errors
              type: status_code
              status_code:
                status_codes: [ERROR]
            - name: slow
              type: latency
              latency:
                threshold_ms: 1000
            - name: rest
              type: probabilistic
              probabilistic:
                sampling_percentage: 5
      exporters:
        otlp:
          endpoint: tempo:4317
      service:
        pipelines:
          traces:
            receivers: [otlp]
            processors: [tail_sampling, batch]
            exporters: [otlp]
      """;

  private static final String TWO_PROCESSORS =
      """
      processors:
        tail_sampling/errors:
          policies:
            - name: errors
              type: status_code
              status_code: {status_codes: [ERROR]}
        tail_sampling/everything:
          policies:
            - name: all
              type: always_sample
      """;

  @Test
  void reads_the_processor_from_a_whole_collector_config() {
    TailSampling sampling = TailSampling.fromCollectorYaml(WHOLE_CONFIG);

    assertThat(sampling.policies())
        .extracting(TailSamplingPolicy::toString)
        .containsExactly("[errors] status_code", "[slow] latency", "[rest] probabilistic");
    assertThat(
            sampling
                .decide(List.of(TestSpan.named("a").status(StatusCode.ERROR).build()))
                .isSampled())
        .isTrue();
  }

  @Test
  void reads_just_the_processor_block_with_or_without_its_key() {
    String block =
        """
        policies:
          - name: slow
            type: latency
            latency: {threshold_ms: 100, upper_threshold_ms: 500}
        """;

    assertThat(TailSampling.fromCollectorYaml(block).policies()).hasSize(1);
    assertThat(TailSampling.fromCollectorYaml("tail_sampling:\n" + block.indent(2)).policies())
        .extracting(TailSamplingPolicy::name)
        .containsExactly("slow");
  }

  @Test
  void a_named_instance_is_chosen_by_its_name() {
    TailSampling errors = TailSampling.fromCollectorYaml(TWO_PROCESSORS, "tail_sampling/errors");

    assertThat(errors.policies()).extracting(TailSamplingPolicy::name).containsExactly("errors");
  }

  @Test
  void several_processors_need_a_choice() {
    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(TWO_PROCESSORS))
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessage(
            "tail_sampling (line 2): the configuration has 2 tail_sampling processors,"
                + " [tail_sampling/errors, tail_sampling/everything]; choose one with"
                + " TailSampling.fromCollectorYaml(yaml, \"tail_sampling/errors\")");
    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(TWO_PROCESSORS, "tail_sampling/slow"))
        .hasMessage(
            "tail_sampling/slow (line 2): no such tail_sampling processor under \"processors\"; the"
                + " tail_sampling processors are [tail_sampling/errors, tail_sampling/everything]");
  }

  @Test
  void reads_every_policy_type() {
    String yaml =
        """
        sample_on_first_match: true
        decision_cache: {sampled_cache_size: 1000}
        policies:
          - {name: all, type: always_sample}
          - {name: slow, type: latency, latency: {threshold_ms: 1000}}
          - {name: big, type: numeric_attribute, numeric_attribute: {key: size, min_value: 10, invert_match: false}}
          - {name: rest, type: probabilistic, probabilistic: {sampling_percentage: 0.5, hash_salt: x}}
          - {name: errors, type: status_code, status_code: {status_codes: [ERROR, OK]}}
          - name: route
            type: string_attribute
            string_attribute: {key: http.route, values: ["^/api"], enabled_regex_matching: true, cache_max_size: 10}
          - {name: limit, type: rate_limiting, rate_limiting: {spans_per_second: 100, burst_capacity: 150}}
          - {name: size, type: bytes_limiting, bytes_limiting: {bytes_per_second: 1000}}
          - {name: count, type: span_count, span_count: {min_spans: 2, max_spans: 20}}
          - {name: state, type: trace_state, trace_state: {key: vendor, values: [keep]}}
          - {name: flags, type: trace_flags}
          - {name: ottl, type: ottl_condition, ottl_condition: {error_mode: ignore, span: ['kind == SPAN_KIND_SERVER'], spanevent: ['name == "exception"']}}
          - {name: debug, type: boolean_attribute, boolean_attribute: {key: debug, value: true, invert_match: true}}
          - name: both
            type: and
            and:
              and_sub_policy:
                - {name: a, type: latency, latency: {threshold_ms: 5}}
                - {name: b, type: always_sample}
          - name: drop-health
            type: drop
            drop:
              drop_sub_policy:
                - {name: health, type: string_attribute, string_attribute: {key: http.route, values: [/health]}}
          - name: fast
            type: not
            not:
              not_sub_policy: {name: slow-sub, type: latency, latency: {threshold_ms: 5}}
          - name: budget
            type: composite
            composite:
              max_total_spans_per_second: 100
              policy_order: [c-errors, c-rest]
              composite_sub_policy:
                - {name: c-errors, type: status_code, status_code: {status_codes: [ERROR]}}
                - name: c-rest
                  type: and
                  and: {and_sub_policy: [{name: c-all, type: always_sample}]}
              rate_allocation:
                - {policy: c-errors, percent: 60}
                - {policy: c-rest, percent: 40}
        """;

    TailSampling sampling = TailSampling.fromCollectorYaml(yaml);

    assertThat(sampling.policies())
        .extracting(TailSamplingPolicy::toString)
        .containsExactly(
            "[all] always_sample",
            "[slow] latency",
            "[big] numeric_attribute",
            "[rest] probabilistic",
            "[errors] status_code",
            "[route] string_attribute",
            "[limit] rate_limiting",
            "[size] bytes_limiting",
            "[count] span_count",
            "[state] trace_state",
            "[flags] trace_flags",
            "[ottl] ottl_condition",
            "[debug] boolean_attribute (invert_match)",
            "[both] and",
            "[drop-health] drop",
            "[fast] not",
            "[budget] composite");
    TailSamplingDecision decision =
        sampling.decide(List.of(TestSpan.named("a").attribute("http.route", "/health").build()));
    assertThat(decision.isDropped()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      unknown type | {name: slow, type: latencyy} | tail_sampling policy "slow" (line 2): unknown type "latencyy"; the types are always_sample, latency, numeric_attribute, probabilistic, status_code, string_attribute, rate_limiting, bytes_limiting, span_count, trace_state, trace_flags, boolean_attribute, ottl_condition, and, drop, not, composite
      unknown field in a block | {name: slow, type: latency, latency: {treshold_ms: 10}} | tail_sampling policy "slow" (line 2): unknown field "latency.treshold_ms"; the fields here are threshold_ms, upper_threshold_ms
      unknown field in a policy | {name: slow, type: latency, latncy: {threshold_ms: 10}} | tail_sampling policy "slow" (line 2): unknown field "latncy"; the fields here are name, type, latency, numeric_attribute, probabilistic, status_code, string_attribute, rate_limiting, bytes_limiting, span_count, trace_state, boolean_attribute, ottl_condition, and, drop, not, composite
      mistyped integer | {name: slow, type: latency, latency: {threshold_ms: 1s}} | tail_sampling policy "slow" (line 2): latency.threshold_ms must be an integer, but is "1s"
      mistyped number | {name: rest, type: probabilistic, probabilistic: {sampling_percentage: five}} | tail_sampling policy "rest" (line 2): probabilistic.sampling_percentage must be a number, but is "five"
      mistyped string | {name: rest, type: probabilistic, probabilistic: {sampling_percentage: 5, hash_salt: 42}} | tail_sampling policy "rest" (line 2): probabilistic.hash_salt must be a string, but is 42
      yes is no boolean | {name: d, type: boolean_attribute, boolean_attribute: {key: k, value: yes}} | tail_sampling policy "d" (line 2): boolean_attribute.value must be true or false, but is yes
      missing block | {name: slow, type: latency} | tail_sampling policy "slow" (line 2): "latency" is missing; type latency needs it
      missing field | {name: slow, type: latency, latency: {upper_threshold_ms: 10}} | tail_sampling policy "slow" (line 2): "latency.threshold_ms" is missing
      missing name | {type: always_sample} | tail_sampling policy #1 (line 2): "name" is missing
      missing type | {name: x} | tail_sampling policy "x" (line 2): "type" is missing
      unknown status code | {name: e, type: status_code, status_code: {status_codes: [FAILED]}} | tail_sampling policy "e" (line 2): unknown status code "FAILED" in status_code.status_codes; the codes are OK, ERROR, UNSET
      empty list | {name: e, type: status_code, status_code: {status_codes: []}} | tail_sampling policy "e" (line 2): status_code.status_codes must not be empty
      bad regex | {name: r, type: string_attribute, string_attribute: {key: k, values: ["("], enabled_regex_matching: true}} | tail_sampling policy "r" (line 2): "(" in string_attribute.values is not a regular expression: Unclosed group
      numeric without bounds | {name: n, type: numeric_attribute, numeric_attribute: {key: k}} | tail_sampling policy "n" (line 2): "numeric_attribute.min_value" and "numeric_attribute.max_value" are missing; give at least one
      negative threshold | {name: slow, type: latency, latency: {threshold_ms: -1}} | tail_sampling policy "slow" (line 2): latency.threshold_ms must not be negative, but is -1
      zero rate | {name: r, type: rate_limiting, rate_limiting: {spans_per_second: 0}} | tail_sampling policy "r" (line 2): rate_limiting.spans_per_second must be positive, but is 0
      zero burst | {name: r, type: rate_limiting, rate_limiting: {spans_per_second: 5, burst_capacity: 0}} | tail_sampling policy "r" (line 2): rate_limiting.burst_capacity must be positive, but is 0
      negative byte rate | {name: b, type: bytes_limiting, bytes_limiting: {bytes_per_second: -1}} | tail_sampling policy "b" (line 2): bytes_limiting.bytes_per_second must be positive, but is -1
      zero byte burst | {name: b, type: bytes_limiting, bytes_limiting: {bytes_per_second: 5, burst_capacity: 0}} | tail_sampling policy "b" (line 2): bytes_limiting.burst_capacity must be positive, but is 0
      nested and | {name: o, type: and, and: {and_sub_policy: [{name: i, type: and}]}} | tail_sampling policy "o" sub-policy "i" (line 2): type "and" cannot be nested here; the types here are always_sample, latency, numeric_attribute, probabilistic, status_code, string_attribute, rate_limiting, bytes_limiting, span_count, trace_state, trace_flags, boolean_attribute, ottl_condition
      rate allocation to no sub-policy | {name: c, type: composite, composite: {max_total_spans_per_second: 10, composite_sub_policy: [{name: a, type: always_sample}], rate_allocation: [{policy: b, percent: 10}]}} | tail_sampling policy "c" rate_allocation (line 2): rate_allocation names policy "b", which is not a composite_sub_policy; they are [a]
      """)
  void a_mistake_names_the_policy_the_field_and_the_line(
      String mistake, String policy, String message) {
    String yaml = "policies:\n  - " + policy + "\n";

    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(yaml))
        .as(mistake)
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessage(message);
  }

  @Test
  void the_line_is_the_offending_fields_line() {
    String yaml =
        """
        processors:
          tail_sampling:
            policies:
              - name: errors
                type: status_code
                status_code:
                  status_codes: [ERROR]
              - name: slow
                type: latency
                latency:
                  threshold_ms: "1000"
        """;

    TailSamplingConfigException problem =
        (TailSamplingConfigException) catchProblem(() -> TailSampling.fromCollectorYaml(yaml));

    assertThat(problem.line()).isEqualTo(11);
    assertThat(problem)
        .hasMessage(
            "tail_sampling policy \"slow\" (line 11): latency.threshold_ms must be an integer, but"
                + " is \"1000\"");
  }

  @Test
  void duplicate_names_are_refused_with_both_lines() {
    String yaml =
        """
        policies:
          - {name: slow, type: latency, latency: {threshold_ms: 1}}
          - {name: slow, type: always_sample}
        """;

    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(yaml))
        .hasMessage(
            "tail_sampling policy \"slow\" (line 3): the name is already used by the policy on line"
                + " 2; the Collector requires unique names");
  }

  @Test
  void what_is_not_a_tail_sampling_config_says_what_it_found() {
    assertThatThrownBy(() -> TailSampling.fromCollectorYaml("receivers: {}\nexporters: {}\n"))
        .hasMessage(
            "tail_sampling (line 1): expected a Collector configuration (processors: tail_sampling:"
                + " …) or the processor's block (policies: …), but the top-level keys are"
                + " [receivers, exporters]");
    assertThatThrownBy(() -> TailSampling.fromCollectorYaml("processors:\n  batch: {}\n"))
        .hasMessage(
            "tail_sampling (line 2): no tail_sampling processor under \"processors\"; the"
                + " processors are [batch]");
    assertThatThrownBy(() -> TailSampling.fromCollectorYaml("policies: [\n"))
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessageStartingWith("not valid YAML (line 2): ");
    assertThatThrownBy(() -> TailSampling.fromCollectorYaml("processors:\n  tail_sampling:\n"))
        .hasMessage("tail_sampling (line 2): it is empty, but needs fields");
    assertThatThrownBy(() -> TailSampling.fromCollectorYaml("policies:\n  - just-a-name\n"))
        .hasMessage(
            "tail_sampling policy #1 (line 2): it must be a mapping of fields, but is"
                + " \"just-a-name\"");
    assertThatThrownBy(() -> TailSampling.fromCollectorYaml("")).hasMessage("the YAML is empty");
    assertThatThrownBy(() -> TailSampling.fromCollectorYaml("policies: []\n"))
        .hasMessage("tail_sampling (line 1): policies must not be empty");
    assertThatThrownBy(
            () ->
                TailSampling.fromCollectorYaml(
                    "decision_wait: soon\npolicies: [{name: a, type: always_sample}]\n"))
        .hasMessage(
            "tail_sampling (line 1): decision_wait must be a duration such as \"10s\", but is"
                + " \"soon\"");
    assertThatThrownBy(
            () ->
                TailSampling.fromCollectorYaml(
                    """
                    decision_wait_after_root_received: later
                    policies: [{name: a, type: always_sample}]
                    """))
        .hasMessage(
            "tail_sampling (line 1): decision_wait_after_root_received must be a duration such as"
                + " \"10s\", but is \"later\"");
  }

  @Test
  void sampling_strategy_is_read_and_checked() {
    String yaml = "sampling_strategy: %s\npolicies: [{name: all, type: always_sample}]\n";

    assertThat(
            TailSampling.fromCollectorYaml(yaml.formatted("span-ingest"))
                .decide(List.of(TestSpan.named("a").build()))
                .isSampled())
        .isTrue();
    assertThat(
            TailSampling.fromCollectorYaml(yaml.formatted("trace-complete"))
                .decide(List.of(TestSpan.named("a").build()))
                .isSampled())
        .isTrue();
    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(yaml.formatted("eager")))
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessage(
            "tail_sampling (line 1): sampling_strategy must be one of [trace-complete,"
                + " span-ingest], but is \"eager\"");
  }

  @Test
  void span_ingest_refuses_stateful_policies_as_the_collector_does() {
    String yaml =
        """
        sampling_strategy: span-ingest
        policies:
          - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
          - name: slow-but-few
            type: and
            and:
              and_sub_policy:
                - {name: slow, type: latency, latency: {threshold_ms: 1000}}
                - {name: few, type: rate_limiting, rate_limiting: {spans_per_second: 10}}
        """;

    assertThatThrownBy(() -> TailSampling.fromCollectorYaml(yaml))
        .isInstanceOf(TailSamplingConfigException.class)
        .hasMessage(
            "tail_sampling policy \"slow-but-few\" (line 4): sampling_strategy \"span-ingest\""
                + " requires all policies to be stateless, but this and policy is stateful (it"
                + " remembers earlier traces)");
    assertThat(
            TailSampling.fromCollectorYaml(yaml.replace("span-ingest", "trace-complete"))
                .decide(List.of(TestSpan.named("a").status(StatusCode.ERROR).build()))
                .isSampled())
        .isTrue();
  }

  @Test
  void decision_wait_is_read_as_go_durations() {
    assertThat(YamlDuration.parse("1m30s")).contains(java.time.Duration.ofSeconds(90));
    assertThat(YamlDuration.parse("1.5s")).contains(java.time.Duration.ofMillis(1500));
    assertThat(YamlDuration.parse("250ms")).contains(java.time.Duration.ofMillis(250));
    assertThat(YamlDuration.parse("0")).contains(java.time.Duration.ZERO);
    assertThat(YamlDuration.parse("10")).isEmpty();
    assertThat(YamlDuration.parse("10s x")).isEmpty();
  }

  private static Throwable catchProblem(Runnable read) {
    try {
      read.run();
    } catch (TailSamplingConfigException e) {
      return e;
    }
    throw new AssertionError("expected a TailSamplingConfigException");
  }
}
