package dev.spanproof.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latency policy's upper bound is inclusive, and a later span can stretch the trace. */
class LatencyBoundsTest {

  private static boolean sampled(TailSamplingPolicy policy, SpanData... spans) {
    return TailSampling.builder().policy(policy).build().decide(List.of(spans)).isSampled();
  }

  @Test
  void a_trace_exactly_as_long_as_the_upper_bound_is_sampled() {
    TailSamplingPolicy between = TailSamplingPolicy.latency("between", 10, 20);

    assertThat(sampled(between, TestSpan.named("a").took(20).build())).isTrue();
    assertThat(sampled(between, TestSpan.named("a").took(21).build())).isFalse();
    assertThat(sampled(between, TestSpan.named("a").took(10).build())).isFalse();
  }

  @Test
  void a_span_ending_after_the_first_stretches_the_trace_past_the_threshold() {
    SpanData first = TestSpan.named("first").took(10).build();
    SpanData later = TestSpan.named("later").id(2).startsAt(5).took(55).build();

    assertThat(sampled(TailSamplingPolicy.latency("slow", 50), first, later)).isTrue();
    assertThat(sampled(TailSamplingPolicy.latency("slow", 50), first)).isFalse();
  }

  @Test
  void a_span_starting_before_the_first_stretches_the_trace_too() {
    SpanData first = TestSpan.named("first").startsAt(40).took(20).build();
    SpanData earlier = TestSpan.named("earlier").id(2).took(10).build();

    assertThat(sampled(TailSamplingPolicy.latency("slow", 50), first, earlier)).isTrue();
  }
}
