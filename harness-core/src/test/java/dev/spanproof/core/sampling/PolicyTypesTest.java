package dev.spanproof.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each policy type with a trace it keeps and one it does not, and the reason it gives. */
class PolicyTypesTest {

  static String verdict(TailSamplingPolicy policy, SpanData... spans) {
    TailSampling sampling = TailSampling.builder().policy(policy).build();
    return sampling.decide(List.of(spans)).verdicts().get(0).toString();
  }

  static SpanData span(String name) {
    return TestSpan.named(name).build();
  }

  @Test
  void always_sample() {
    assertThat(verdict(TailSamplingPolicy.alwaysSample("all"), span("a")))
        .isEqualTo("[all] always_sample: samples every trace → sampled");
  }

  @Nested
  class Latency {

    @Test
    void keeps_a_trace_longer_than_the_threshold_from_first_start_to_last_end() {
      assertThat(
              verdict(
                  TailSamplingPolicy.latency("slow", 1000),
                  TestSpan.named("a").startsAt(0).took(700).build(),
                  TestSpan.named("b").id(2).startsAt(600).took(640).build()))
          .isEqualTo("[slow] latency: trace took 1,240 ms > threshold_ms 1000 → sampled");
    }

    @Test
    void the_threshold_is_exclusive() {
      assertThat(
              verdict(
                  TailSamplingPolicy.latency("slow", 1000), TestSpan.named("a").took(1000).build()))
          .isEqualTo("[slow] latency: trace took 1,000 ms, not > threshold_ms 1000 → not sampled");
    }

    @Test
    void milliseconds_are_truncated() {
      assertThat(
              verdict(
                  TailSamplingPolicy.latency("slow", 1000),
                  TestSpan.named("a").tookNanos(1_000_999_999).build()))
          .isEqualTo("[slow] latency: trace took 1,000 ms, not > threshold_ms 1000 → not sampled");
    }

    @Test
    void with_an_upper_bound_the_trace_must_fall_within() {
      TailSamplingPolicy band = TailSamplingPolicy.latency("band", 100, 500);

      assertThat(verdict(band, TestSpan.named("a").took(500).build()))
          .isEqualTo(
              "[band] latency: trace took 500 ms within (threshold_ms 100, upper_threshold_ms 500]"
                  + " → sampled");
      assertThat(verdict(band, TestSpan.named("a").took(501).build()))
          .isEqualTo(
              "[band] latency: trace took 501 ms, not within (threshold_ms 100, upper_threshold_ms"
                  + " 500] → not sampled");
    }

    @Test
    void with_an_upper_bound_the_first_span_that_fits_decides_as_in_the_collector() {
      assertThat(
              verdict(
                  TailSamplingPolicy.latency("band", 100, 500),
                  TestSpan.named("early").took(200).build(),
                  TestSpan.named("late").id(2).startsAt(0).took(900).build()))
          .isEqualTo(
              "[band] latency: up to span [early] the trace took 200 ms within (threshold_ms 100,"
                  + " upper_threshold_ms 500], and the Collector stops there (the whole trace took"
                  + " 900 ms) → sampled");
    }
  }

  @Test
  void status_code() {
    TailSamplingPolicy errors = TailSamplingPolicy.statusCode("errors", StatusCode.ERROR);

    assertThat(
            verdict(errors, span("a"), TestSpan.named("charge").status(StatusCode.ERROR).build()))
        .isEqualTo("[errors] status_code: span [charge] has status ERROR → sampled");
    assertThat(verdict(errors, TestSpan.named("a").status(StatusCode.OK).build()))
        .isEqualTo("[errors] status_code: no span has status ERROR → not sampled");
  }

  @Nested
  class StringAttribute {

    @Test
    void matches_span_and_resource_attributes_exactly() {
      TailSamplingPolicy checkout =
          TailSamplingPolicy.stringAttribute("checkout", "service.name", "checkout", "cart");

      assertThat(verdict(checkout, TestSpan.named("a").resource("service.name", "cart").build()))
          .isEqualTo(
              "[checkout] string_attribute: the resource of span [a] has service.name = \"cart\","
                  + " one of [\"checkout\", \"cart\"] → sampled");
      assertThat(verdict(checkout, TestSpan.named("a").attribute("service.name", "carts").build()))
          .isEqualTo(
              "[checkout] string_attribute: no resource or span has service.name one of"
                  + " [\"checkout\", \"cart\"] → not sampled");
    }

    @Test
    void regexes_are_not_anchored() {
      TailSamplingPolicy admin =
          TailSamplingPolicy.stringAttributeMatching("admin", "http.route", "/admin");

      assertThat(
              verdict(
                  admin, TestSpan.named("a").attribute("http.route", "/v1/admin/users").build()))
          .isEqualTo(
              "[admin] string_attribute: span [a] has http.route = \"/v1/admin/users\", matching one"
                  + " of [\"/admin\"] → sampled");
      assertThat(verdict(admin, TestSpan.named("a").attribute("http.route", "/v1/users").build()))
          .endsWith("→ not sampled");
    }

    @Test
    void invert_match_flips_only_this_policy() {
      TailSamplingPolicy notHealth =
          TailSamplingPolicy.stringAttribute("not-health", "http.route", "/health").invertMatch();

      assertThat(verdict(notHealth, TestSpan.named("a").attribute("http.route", "/orders").build()))
          .isEqualTo(
              "[not-health] string_attribute: invert_match: no resource or span has http.route one"
                  + " of [\"/health\"] → sampled");
      assertThat(verdict(notHealth, TestSpan.named("a").attribute("http.route", "/health").build()))
          .isEqualTo(
              "[not-health] string_attribute: invert_match: span [a] has http.route = \"/health\","
                  + " one of [\"/health\"] → not sampled");
    }

    @Test
    void a_span_value_that_is_not_a_string_never_matches() {
      assertThat(
              verdict(
                  TailSamplingPolicy.stringAttributeMatching("any", "code", ".*"),
                  TestSpan.named("a").attribute("code", 42L).build()))
          .endsWith("→ not sampled");
    }
  }

  @Test
  void numeric_attribute_bounds_are_inclusive_and_zero_is_unbounded() {
    TailSamplingPolicy serverErrors =
        TailSamplingPolicy.numericAttribute("5xx", "http.response.status_code", 500, 599);
    TailSamplingPolicy atLeast400 =
        TailSamplingPolicy.numericAttribute("4xx+", "http.response.status_code", 400, 0);

    assertThat(
            verdict(
                serverErrors,
                TestSpan.named("a").attribute("http.response.status_code", 599L).build()))
        .isEqualTo(
            "[5xx] numeric_attribute: span [a] has http.response.status_code = 599, in [min_value"
                + " 500, max_value 599] → sampled");
    assertThat(
            verdict(
                serverErrors,
                TestSpan.named("a").attribute("http.response.status_code", 600L).build()))
        .isEqualTo(
            "[5xx] numeric_attribute: no resource or span has http.response.status_code in"
                + " [min_value 500, max_value 599] → not sampled");
    assertThat(
            verdict(
                atLeast400,
                TestSpan.named("a").attribute("http.response.status_code", 70_000L).build()))
        .endsWith("in [min_value 400, +∞] → sampled");
  }

  @Test
  void numeric_attribute_reads_a_value_that_is_not_an_integer_as_zero() {
    assertThat(
            verdict(
                TailSamplingPolicy.numericAttribute("low", "ratio", -1, 1),
                TestSpan.named("a").attribute("ratio", 0.75).build()))
        .isEqualTo(
            "[low] numeric_attribute: span [a] has ratio = 0.75 (not an integer: read as 0), in"
                + " [min_value -1, max_value 1] → sampled");
  }

  @Test
  void numeric_attribute_invert_match_samples_when_no_value_is_in_range() {
    TailSamplingPolicy notServerErrors =
        TailSamplingPolicy.numericAttribute("not-5xx", "http.response.status_code", 500, 599)
            .invertMatch();

    assertThat(
            verdict(
                notServerErrors,
                TestSpan.named("a").attribute("http.response.status_code", 200L).build()))
        .isEqualTo(
            "[not-5xx] numeric_attribute: invert_match: no resource or span has"
                + " http.response.status_code in [min_value 500, max_value 599] → sampled");
    assertThat(
            verdict(
                notServerErrors,
                TestSpan.named("a").attribute("http.response.status_code", 503L).build()))
        .isEqualTo(
            "[not-5xx] numeric_attribute: invert_match: span [a] has http.response.status_code ="
                + " 503, in [min_value 500, max_value 599] → not sampled");
  }

  @Test
  void boolean_attribute() {
    TailSamplingPolicy debug = TailSamplingPolicy.booleanAttribute("debug", "app.debug", true);

    assertThat(verdict(debug, TestSpan.named("a").resource("app.debug", true).build()))
        .isEqualTo(
            "[debug] boolean_attribute: the resource of span [a] has app.debug = true → sampled");
    assertThat(verdict(debug, TestSpan.named("a").attribute("app.debug", false).build()))
        .isEqualTo(
            "[debug] boolean_attribute: no resource or span has app.debug = true → not sampled");
  }

  @Test
  void boolean_attribute_invert_match_samples_when_no_value_equals() {
    TailSamplingPolicy notDebug =
        TailSamplingPolicy.booleanAttribute("not-debug", "app.debug", true).invertMatch();

    assertThat(verdict(notDebug, TestSpan.named("a").attribute("app.debug", false).build()))
        .isEqualTo(
            "[not-debug] boolean_attribute: invert_match: no resource or span has app.debug ="
                + " true → sampled");
    assertThat(verdict(notDebug, TestSpan.named("a").resource("app.debug", true).build()))
        .isEqualTo(
            "[not-debug] boolean_attribute: invert_match: the resource of span [a] has app.debug"
                + " = true → not sampled");
  }

  @Test
  void span_count_bounds_are_inclusive_and_zero_max_is_unbounded() {
    TailSamplingPolicy bigTraces = TailSamplingPolicy.spanCount("big", 2, 3);

    assertThat(verdict(bigTraces, span("a"), TestSpan.named("b").id(2).build()))
        .isEqualTo(
            "[big] span_count: trace has 2 spans, within [min_spans 2, max_spans 3] → sampled");
    assertThat(verdict(bigTraces, span("a")))
        .isEqualTo(
            "[big] span_count: trace has 1 span, not within [min_spans 2, max_spans 3] → not sampled");
    assertThat(verdict(TailSamplingPolicy.spanCount("any", 1, 0), span("a")))
        .isEqualTo("[any] span_count: trace has 1 span, within [min_spans 1, unbounded] → sampled");
  }

  @Test
  void trace_state() {
    TailSamplingPolicy vendor = TailSamplingPolicy.traceState("vendor", "vendor", "keep");

    assertThat(verdict(vendor, TestSpan.named("a").traceState("vendor", "keep").build()))
        .isEqualTo(
            "[vendor] trace_state: span [a] has trace state vendor=keep, one of [\"keep\"] → sampled");
    assertThat(verdict(vendor, TestSpan.named("a").traceState("vendor", "skip").build()))
        .isEqualTo(
            "[vendor] trace_state: no span has trace state vendor = one of [\"keep\"] → not sampled");
  }

  @Test
  void trace_flags() {
    TailSamplingPolicy sampledFlag = TailSamplingPolicy.traceFlags("head-sampled");

    assertThat(
            verdict(
                sampledFlag,
                TestSpan.named("a").notSampledFlag().build(),
                TestSpan.named("b").id(2).build()))
        .isEqualTo("[head-sampled] trace_flags: span [b] has the sampled flag set → sampled");
    assertThat(verdict(sampledFlag, TestSpan.named("a").notSampledFlag().build()))
        .isEqualTo("[head-sampled] trace_flags: no span has the sampled flag set → not sampled");
  }

  @Test
  void rate_limiting_takes_the_span_count_from_a_token_bucket() {
    TailSampling sampling =
        TailSampling.builder().policy(TailSamplingPolicy.rateLimiting("spans", 1, 2)).build();
    List<SpanData> twoSpans = List.of(span("a"), TestSpan.named("b").id(2).build());

    assertThat(sampling.decide(twoSpans).verdicts().get(0).toString())
        .isEqualTo(
            "[spans] rate_limiting: trace of 2 spans fits the 2 tokens left (spans_per_second 1,"
                + " burst_capacity 2) → sampled");
    assertThat(sampling.decide(twoSpans).verdicts().get(0).toString())
        .isEqualTo(
            "[spans] rate_limiting: trace of 2 spans exceeds the 0 tokens left (spans_per_second 1,"
                + " burst_capacity 2) → not sampled");
  }

  @Test
  void bytes_limiting_takes_the_otlp_size_from_a_token_bucket() {
    TailSampling sampling =
        TailSampling.builder().policy(TailSamplingPolicy.bytesLimiting("bytes", 50)).build();

    assertThat(sampling.decide(List.of(span("a"))).verdicts().get(0).toString())
        .isEqualTo(
            "[bytes] bytes_limiting: trace of 69 bytes fits the 100 tokens left (bytes_per_second"
                + " 50, burst_capacity 100) → sampled");
    assertThat(sampling.decide(List.of(span("a"))).verdicts().get(0).toString())
        .isEqualTo(
            "[bytes] bytes_limiting: trace of 69 bytes exceeds the 31 tokens left"
                + " (bytes_per_second 50, burst_capacity 100) → not sampled");
    assertThat(verdict(TailSamplingPolicy.bytesLimiting("tiny", 10, 20), span("a")))
        .isEqualTo(
            "[tiny] bytes_limiting: trace of 69 bytes exceeds the burst capacity (bytes_per_second"
                + " 10, burst_capacity 20) → not sampled");
  }

  @Test
  void and_samples_when_every_sub_policy_does_and_stops_at_the_first_that_does_not() {
    TailSamplingPolicy slowErrors =
        TailSamplingPolicy.and(
            "slow-errors",
            TailSamplingPolicy.statusCode("errors", StatusCode.ERROR),
            TailSamplingPolicy.latency("slow", 100));

    assertThat(verdict(slowErrors, TestSpan.named("a").status(StatusCode.ERROR).took(150).build()))
        .isEqualTo(
            """
                [slow-errors] and: all 2 sub-policies sampled → sampled
                    [errors] status_code: span [a] has status ERROR → sampled
                    [slow] latency: trace took 150 ms > threshold_ms 100 → sampled""");
    assertThat(verdict(slowErrors, TestSpan.named("a").took(150).build()))
        .isEqualTo(
            """
                [slow-errors] and: sub-policy [errors] did not sample → not sampled
                    [errors] status_code: no span has status ERROR → not sampled
                    [slow] latency: [errors] did not sample → not evaluated""");
  }

  @Test
  void not_flips_its_sub_policy() {
    TailSamplingPolicy fast =
        TailSamplingPolicy.not("fast", TailSamplingPolicy.latency("slow", 100));

    assertThat(verdict(fast, TestSpan.named("a").took(50).build()))
        .isEqualTo(
            """
                [fast] not: sub-policy [slow] did not sample → sampled
                    [slow] latency: trace took 50 ms, not > threshold_ms 100 → not sampled""");
    assertThat(verdict(fast, TestSpan.named("a").took(150).build()))
        .startsWith("[fast] not: sub-policy [slow] sampled → not sampled");
  }

  @Test
  void drop_drops_when_every_sub_policy_samples() {
    TailSamplingPolicy health =
        TailSamplingPolicy.drop(
            "no-health", TailSamplingPolicy.stringAttribute("health", "http.route", "/health"));

    assertThat(verdict(health, TestSpan.named("a").attribute("http.route", "/health").build()))
        .isEqualTo(
            """
                [no-health] drop: all 1 sub-policies sampled → dropped
                    [health] string_attribute: span [a] has http.route = "/health", one of ["/health"] → sampled""");
    assertThat(verdict(health, span("a")))
        .startsWith("[no-health] drop: sub-policy [health] did not sample → not sampled");
  }

  @Test
  void composite_samples_within_the_first_sampling_sub_policys_share() {
    TailSamplingPolicy composite =
        TailSamplingPolicy.composite(
            "budget",
            10,
            List.of(
                TailSamplingPolicy.statusCode("errors", StatusCode.ERROR),
                TailSamplingPolicy.alwaysSample("rest")),
            Map.of("errors", 50, "rest", 50));

    assertThat(verdict(composite, TestSpan.named("a").status(StatusCode.ERROR).build()))
        .isEqualTo(
            """
                [budget] composite: [errors] sampled, within budget: 1 spans this second against its share of 5 and max_total_spans_per_second 10 → sampled
                    [errors] status_code: span [a] has status ERROR → sampled
                    [rest] always_sample: [errors] already decided → not evaluated""");
  }

  @Test
  void composite_does_not_sample_when_no_sub_policy_does() {
    TailSamplingPolicy composite =
        TailSamplingPolicy.composite(
            "budget",
            10,
            List.of(
                TailSamplingPolicy.statusCode("errors", StatusCode.ERROR),
                TailSamplingPolicy.latency("slow", 1000)),
            Map.of("errors", 50, "slow", 50));

    assertThat(verdict(composite, TestSpan.named("a").took(10).build()))
        .isEqualTo(
            """
                [budget] composite: no sub-policy sampled → not sampled
                    [errors] status_code: no span has status ERROR → not sampled
                    [slow] latency: trace took 10 ms, not > threshold_ms 1000 → not sampled""");
  }

  @Test
  void composite_gives_an_allocation_of_zero_percent_an_equal_share() {
    // As the Collector's composite_helper.go: percent 0 is max_total_spans_per_second divided by
    // the number of sub-policies (here 9 / 2, truncated to 4).
    TailSamplingPolicy composite =
        TailSamplingPolicy.composite(
            "budget",
            9,
            List.of(
                TailSamplingPolicy.statusCode("errors", StatusCode.ERROR),
                TailSamplingPolicy.alwaysSample("rest")),
            Map.of("rest", 0));

    assertThat(verdict(composite, TestSpan.named("a").build()))
        .startsWith(
            "[budget] composite: [rest] sampled, within budget: 1 spans this second against its"
                + " share of 4 and max_total_spans_per_second 9 → sampled");
  }
}
