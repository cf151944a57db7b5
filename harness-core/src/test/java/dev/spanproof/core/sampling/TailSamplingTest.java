package dev.spanproof.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.ManualClock;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the policies' verdicts combine, the decision path, and the virtual time of rate limits. */
class TailSamplingTest {

  private static final TailSamplingPolicy ERRORS =
      TailSamplingPolicy.statusCode("errors", StatusCode.ERROR);
  private static final TailSamplingPolicy SLOW = TailSamplingPolicy.latency("slow", 1000);
  private static final TailSamplingPolicy NO_HEALTH =
      TailSamplingPolicy.drop(
          "no-health", TailSamplingPolicy.stringAttribute("health", "http.route", "/health"));

  @Test
  void explains_the_whole_decision_path() {
    TailSampling sampling =
        TailSampling.builder()
            .policy(ERRORS)
            .policy(SLOW)
            .policy(TailSamplingPolicy.probabilistic("rest", 5))
            .build();

    TailSamplingDecision decision =
        sampling.decide(List.of(TestSpan.named("GET /orders").took(1240).build()));

    assertThat(decision.isSampled()).isTrue();
    assertThat(decision.explanation())
        .isEqualTo(
            """
            trace 4bf92f3577b34da6a3ce929d0e0e4736 → sampled
              [errors] status_code: no span has status ERROR → not sampled
              [slow] latency: trace took 1,240 ms > threshold_ms 1000 → sampled
              [rest] probabilistic: hash a54533ba2e4970b5 > threshold 0cccccccccccccff (5 %) → not sampled
              final: no drop policy matched, [slow] sampled → sampled""");
  }

  @Test
  void a_drop_policy_is_evaluated_first_and_wins() {
    TailSampling sampling = TailSampling.builder().policy(ERRORS).policy(NO_HEALTH).build();

    TailSamplingDecision decision =
        sampling.decide(
            List.of(
                TestSpan.named("GET /health")
                    .attribute("http.route", "/health")
                    .status(StatusCode.ERROR)
                    .build()));

    assertThat(decision.isSampled()).isFalse();
    assertThat(decision.isDropped()).isTrue();
    assertThat(decision.explanation())
        .isEqualTo(
            """
            trace 4bf92f3577b34da6a3ce929d0e0e4736 → not sampled
              [no-health] drop: all 1 sub-policies sampled → dropped
                  [health] string_attribute: span [GET /health] has http.route = "/health", one of ["/health"] → sampled
              [errors] status_code: [no-health] already dropped the trace → not evaluated
              final: drop policy [no-health] matched → not sampled""");
  }

  @Test
  void an_inverted_match_that_does_not_sample_overrides_no_other_policy() {
    // Since contrib PR #48976 invert_match only flips its own policy: its "not sampled" is an
    // ordinary one, and another policy's "sampled" still keeps the trace.
    TailSampling sampling =
        TailSampling.builder()
            .policy(
                TailSamplingPolicy.stringAttribute("not-health", "http.route", "/health")
                    .invertMatch())
            .policy(ERRORS)
            .build();

    TailSamplingDecision decision =
        sampling.decide(
            List.of(
                TestSpan.named("GET /health")
                    .attribute("http.route", "/health")
                    .status(StatusCode.ERROR)
                    .build()));

    assertThat(decision.isSampled()).isTrue();
    assertThat(decision.explanation())
        .isEqualTo(
            """
            trace 4bf92f3577b34da6a3ce929d0e0e4736 → sampled
              [not-health] string_attribute: invert_match: span [GET /health] has http.route = "/health", one of ["/health"] → not sampled
              [errors] status_code: span [GET /health] has status ERROR → sampled
              final: no drop policy matched, [errors] sampled → sampled""");
  }

  @Test
  void without_a_sampling_policy_the_trace_is_not_sampled() {
    TailSampling sampling = TailSampling.builder().policy(ERRORS).policy(SLOW).build();

    TailSamplingDecision decision = sampling.decide(List.of(TestSpan.named("a").build()));

    assertThat(decision.isSampled()).isFalse();
    assertThat(decision.isDropped()).isFalse();
    assertThat(decision.conclusion()).isEqualTo("no policy sampled the trace → not sampled");
  }

  @Test
  void sample_on_first_match_stops_at_the_first_sample() {
    TailSampling sampling =
        TailSampling.builder()
            .sampleOnFirstMatch()
            .policy(SLOW)
            .policy(TailSamplingPolicy.rateLimiting("budget", 1))
            .build();

    TailSamplingDecision decision =
        sampling.decide(List.of(TestSpan.named("a").took(2000).build()));

    assertThat(decision.verdicts().get(1).toString())
        .isEqualTo(
            "[budget] rate_limiting: sample_on_first_match: [slow] already sampled the trace"
                + " → not evaluated");
  }

  @Test
  void every_policy_is_asked_without_sample_on_first_match_so_rate_limits_spend_tokens() {
    TailSampling sampling =
        TailSampling.builder()
            .policy(SLOW)
            .policy(TailSamplingPolicy.rateLimiting("budget", 1, 1))
            .build();

    TailSamplingDecision first = sampling.decide(List.of(TestSpan.named("a").took(2000).build()));
    TailSamplingDecision second =
        sampling.decide(List.of(TestSpan.named("b").traceId(otherTrace(2)).took(2000).build()));

    assertThat(first.verdicts().get(1).toString())
        .isEqualTo(
            "[budget] rate_limiting: trace of 1 spans fits the 1 tokens left (spans_per_second 1,"
                + " burst_capacity 1) → sampled");
    assertThat(second.verdicts().get(1).toString())
        .isEqualTo(
            "[budget] rate_limiting: trace of 1 spans exceeds the 0 tokens left (spans_per_second"
                + " 1, burst_capacity 1) → not sampled");
    assertThat(second.isSampled()).isTrue();
  }

  @Test
  void rate_limits_refill_on_the_manual_clock() {
    ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    TailSampling sampling =
        TailSampling.builder()
            .policy(TailSamplingPolicy.rateLimiting("two-per-second", 2))
            .clock(clock)
            .build();
    List<SpanData> twoSpans =
        List.of(TestSpan.named("a").build(), TestSpan.named("b").id(2).build());

    boolean firstFull = sampling.decide(twoSpans).isSampled();
    boolean secondFull = sampling.decide(twoSpans).isSampled();
    boolean empty = sampling.decide(twoSpans).isSampled();
    clock.advance(Duration.ofMillis(500));
    boolean halfRefilled = sampling.decide(twoSpans).isSampled();
    clock.advance(Duration.ofMillis(500));
    boolean refilled = sampling.decide(twoSpans).isSampled();

    assertThat(List.of(firstFull, secondFull, empty, halfRefilled, refilled))
        .containsExactly(true, true, false, false, true);
  }

  @Test
  void without_a_clock_the_decision_happens_decision_wait_after_the_first_span_ended() {
    TailSampling sampling =
        TailSampling.builder()
            .policy(TailSamplingPolicy.rateLimiting("one-per-second", 1, 1))
            .decisionWait(Duration.ofSeconds(10))
            .build();

    boolean first = sampling.decide(List.of(TestSpan.named("a").startsAt(0).build())).isSampled();
    boolean sameSecond =
        sampling
            .decide(List.of(TestSpan.named("b").traceId(otherTrace(2)).startsAt(500).build()))
            .isSampled();
    boolean aSecondLater =
        sampling
            .decide(List.of(TestSpan.named("c").traceId(otherTrace(3)).startsAt(1500).build()))
            .isSampled();

    assertThat(List.of(first, sameSecond, aSecondLater)).containsExactly(true, false, true);
  }

  @Test
  void with_clock_starts_over_with_fresh_rate_limits() {
    ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    TailSampling sampling =
        TailSampling.builder().policy(TailSamplingPolicy.rateLimiting("one", 1, 1)).build();
    sampling.decide(List.of(TestSpan.named("a").build()));

    TailSampling fresh = sampling.withClock(clock);

    assertThat(fresh.decide(List.of(TestSpan.named("a").build())).isSampled()).isTrue();
    assertThat(fresh.policies()).isEqualTo(sampling.policies());
  }

  @Test
  void composite_shares_restart_each_second_of_the_clock() {
    ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    TailSampling sampling =
        TailSampling.builder()
            .policy(
                TailSamplingPolicy.composite(
                    "budget",
                    4,
                    List.of(
                        TailSamplingPolicy.statusCode("errors", StatusCode.ERROR),
                        TailSamplingPolicy.alwaysSample("rest"),
                        TailSamplingPolicy.alwaysSample("unallocated")),
                    Map.of("errors", 50, "rest", 50)))
            .clock(clock)
            .build();
    List<SpanData> twoSpans =
        List.of(TestSpan.named("a").build(), TestSpan.named("b").id(2).build());

    boolean first = sampling.decide(twoSpans).isSampled();
    TailSamplingDecision overBudget = sampling.decide(twoSpans);
    clock.advance(Duration.ofSeconds(1));
    boolean nextSecond = sampling.decide(twoSpans).isSampled();

    assertThat(first).isTrue();
    assertThat(overBudget.verdicts().get(0).reason())
        .isEqualTo(
            "[rest] sampled, but over budget: 4 spans this second against its share of 2 and"
                + " max_total_spans_per_second 4");
    assertThat(overBudget.isSampled()).isFalse();
    assertThat(nextSecond).isTrue();
  }

  @Test
  void a_composite_sub_policy_without_allocation_never_samples() {
    TailSampling sampling =
        TailSampling.builder()
            .policy(
                TailSamplingPolicy.composite(
                    "budget",
                    100,
                    List.of(TailSamplingPolicy.alwaysSample("unallocated")),
                    Map.of()))
            .build();

    TailSamplingDecision decision = sampling.decide(List.of(TestSpan.named("a").build()));

    assertThat(decision.verdicts().get(0).reason())
        .isEqualTo(
            "[unallocated] sampled, but over budget: 1 spans this second against its share of 0"
                + " and max_total_spans_per_second 100");
  }

  @Test
  void refuses_spans_of_several_traces() {
    TailSampling sampling = TailSampling.builder().policy(SLOW).build();

    assertThatThrownBy(
            () ->
                sampling.decide(
                    List.of(
                        TestSpan.named("a").build(),
                        TestSpan.named("b").traceId(otherTrace(2)).build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "spansOfOneTrace must be of one trace, but they are of 2:"
                + " [00000000000000000000000000000002, 4bf92f3577b34da6a3ce929d0e0e4736]; decide"
                + " each trace on its own (Trace.groupByTraceId splits them)");
    assertThatThrownBy(() -> sampling.decide(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spansOfOneTrace must not be empty");
    assertThatThrownBy(() -> sampling.decide(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("spansOfOneTrace must not be null");
  }

  @Test
  void the_builder_refuses_what_the_collector_refuses() {
    assertThatThrownBy(() -> TailSampling.builder().policy(SLOW).policy(SLOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "policy: a policy named \"slow\" was already added; the Collector requires unique names");
    assertThatThrownBy(() -> TailSampling.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no policy: add at least one with policy(...); without policies the Collector samples"
                + " nothing");
    assertThatThrownBy(() -> TailSamplingPolicy.latency("", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be empty: the Collector requires one");
    assertThatThrownBy(() -> TailSamplingPolicy.and("outer", NO_HEALTH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "subPolicies: the Collector cannot nest a drop policy in and, but got [no-health] drop");
    assertThatThrownBy(() -> SLOW.invertMatch())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "invert_match applies to string_attribute, numeric_attribute and boolean_attribute"
                + " policies, but [slow] is a latency policy");
    assertThatThrownBy(() -> TailSamplingPolicy.statusCode("none"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("codes must not be empty");
    assertThatThrownBy(() -> TailSamplingPolicy.stringAttributeMatching("bad", "k", "("))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("regexes: \"(\" is not a regular expression: Unclosed group");
  }

  static String otherTrace(int n) {
    return String.format("%032x", n);
  }
}
