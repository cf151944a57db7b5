package dev.spanproof.core.sampling;

import static dev.spanproof.core.sampling.PolicyTypesTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The Java policy factories refuse the settings the Collector refuses, each naming the parameter
 * and the value, and accept the boundary values the Collector accepts.
 */
class TailSamplingPolicyArgumentsTest {

  private static void refuses(ThrowingCallable factory, String message) {
    assertThatThrownBy(factory).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void latency_bounds_must_not_be_negative() {
    refuses(
        () -> TailSamplingPolicy.latency("slow", -1),
        "thresholdMs must not be negative, but was -1");
    refuses(
        () -> TailSamplingPolicy.latency("slow", 10, -5),
        "upperThresholdMs must not be negative, but was -5");
    assertThat(TailSamplingPolicy.latency("any", 0, 0)).hasToString("[any] latency");
  }

  @Test
  void span_count_bounds_must_not_be_negative() {
    refuses(
        () -> TailSamplingPolicy.spanCount("count", -1, 0),
        "minSpans must not be negative, but was -1");
    refuses(
        () -> TailSamplingPolicy.spanCount("count", 1, -2),
        "maxSpans must not be negative, but was -2");
    assertThat(TailSamplingPolicy.spanCount("count", 0, 0)).hasToString("[count] span_count");
  }

  @Test
  void rate_limits_must_be_positive() {
    refuses(
        () -> TailSamplingPolicy.rateLimiting("limit", 0),
        "spansPerSecond must be positive, but was 0");
    refuses(
        () -> TailSamplingPolicy.rateLimiting("limit", -3, 10),
        "spansPerSecond must be positive, but was -3");
    refuses(
        () -> TailSamplingPolicy.rateLimiting("limit", 10, 0),
        "burstCapacity must be positive, but was 0");
    refuses(
        () -> TailSamplingPolicy.bytesLimiting("size", 0),
        "bytesPerSecond must be positive, but was 0");
    refuses(
        () -> TailSamplingPolicy.bytesLimiting("size", -1, 10),
        "bytesPerSecond must be positive, but was -1");
    refuses(
        () -> TailSamplingPolicy.bytesLimiting("size", 10, 0),
        "burstCapacity must be positive, but was 0");
    assertThat(TailSamplingPolicy.rateLimiting("limit", 1, 1)).hasToString("[limit] rate_limiting");
  }

  @Test
  void composite_needs_a_positive_total_and_allocations_to_its_own_sub_policies() {
    List<TailSamplingPolicy> subs = List.of(TailSamplingPolicy.alwaysSample("rest"));
    refuses(
        () -> TailSamplingPolicy.composite("budget", 0, subs, Map.of()),
        "maxTotalSpansPerSecond must be positive, but was 0");
    refuses(
        () -> TailSamplingPolicy.composite("budget", 10, subs, Map.of("other", 50)),
        "percentBySubPolicy: allocates to \"other\", which is not a sub-policy; they are [rest]");
  }

  @Test
  void composite_nests_and_but_no_other_policy_made_of_policies() {
    TailSamplingPolicy all = TailSamplingPolicy.alwaysSample("all");
    TailSamplingPolicy both = TailSamplingPolicy.and("both", all);
    assertThat(TailSamplingPolicy.composite("budget", 10, List.of(both), Map.of()))
        .hasToString("[budget] composite");
    refuses(
        () ->
            TailSamplingPolicy.composite(
                "budget", 10, List.of(TailSamplingPolicy.not("none", all)), Map.of()),
        "subPolicies: the Collector cannot nest a not policy in composite, but got [none] not");
    refuses(
        () ->
            TailSamplingPolicy.not(
                "outer", TailSamplingPolicy.composite("budget", 10, List.of(all), Map.of())),
        "subPolicies: the Collector cannot nest a composite policy in not, but got [budget]"
            + " composite");
    refuses(
        () -> TailSamplingPolicy.drop("outer", both),
        "subPolicies: the Collector cannot nest a and policy in drop, but got [both] and");
  }

  @Test
  void attribute_policies_need_a_name_too() {
    refuses(
        () -> TailSamplingPolicy.booleanAttribute("", "debug", true),
        "name must not be empty: the Collector requires one");
    refuses(
        () -> TailSamplingPolicy.stringAttribute("", "http.route", "/health"),
        "name must not be empty: the Collector requires one");
    refuses(
        () -> TailSamplingPolicy.numericAttribute("", "http.status_code", 500, 599),
        "name must not be empty: the Collector requires one");
  }

  @Test
  void a_composite_allocation_of_zero_percent_is_an_equal_share() {
    TailSamplingPolicy composite =
        TailSamplingPolicy.composite(
            "budget",
            10,
            List.of(
                TailSamplingPolicy.statusCode("errors", StatusCode.ERROR),
                TailSamplingPolicy.alwaysSample("rest")),
            Map.of("errors", 0, "rest", 0));

    assertThat(verdict(composite, TestSpan.named("a").build()))
        .startsWith(
            "[budget] composite: [rest] sampled, within budget: 1 spans this second against its"
                + " share of 5 and max_total_spans_per_second 10 → sampled");
  }

  @Test
  void a_composite_allocation_of_one_percent_is_that_percent() {
    TailSamplingPolicy composite =
        TailSamplingPolicy.composite(
            "budget",
            1000,
            List.of(TailSamplingPolicy.alwaysSample("rest"), TailSamplingPolicy.alwaysSample("b")),
            Map.of("rest", 1));

    assertThat(verdict(composite, TestSpan.named("a").build()))
        .startsWith(
            "[budget] composite: [rest] sampled, within budget: 1 spans this second against its"
                + " share of 10 and max_total_spans_per_second 1000 → sampled");
  }
}
