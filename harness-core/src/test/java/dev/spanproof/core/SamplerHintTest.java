package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

class SamplerHintTest {

  @Test
  void should_count_the_spans_the_sampler_dropped_for_the_session_that_would_have_owned_them() {
    try (TracingHarness harness = TracingHarness.builder().sampler(Sampler.alwaysOff()).build()) {
      // GIVEN
      CaptureSession sampledAway = harness.openSession("sampled away");
      CaptureSession quiet = harness.openSession("quiet");
      // WHEN
      try (Scope ignored = sampledAway.makeCurrent()) {
        harness.tracer().spanBuilder("on-the-thread").startSpan().end();
      }
      harness
          .tracer()
          .spanBuilder("in-the-context")
          .setParent(Context.root().with(sampledAway))
          .startSpan()
          .end();
      harness.tracer().spanBuilder("no-session").startSpan().end();
      // THEN
      assertThat(sampledAway.finishedSpans()).isEmpty();
      assertThat(sampledAway.spansDroppedBySampler()).isEqualTo(2);
      assertThat(quiet.spansDroppedBySampler()).isZero();
      sampledAway.reset();
      assertThat(sampledAway.spansDroppedBySampler()).isZero();
    }
  }

  @Test
  void should_not_count_spans_the_sampler_kept() {
    try (TracingHarness harness = TracingHarness.builder().build()) {
      CaptureSession session = harness.openSession("kept");
      try (Scope ignored = session.makeCurrent()) {
        harness.tracer().spanBuilder("kept").startSpan().end();
      }
      assertThat(session.spansDroppedBySampler()).isZero();
      assertThat(session.finishedSpans()).hasSize(1);
    }
  }

  @Test
  void should_describe_the_configured_sampler() {
    try (TracingHarness ratio =
            TracingHarness.builder()
                .sampler(Sampler.parentBased(Sampler.traceIdRatioBased(0.25)))
                .build();
        TracingHarness byDefault = TracingHarness.builder().build()) {
      assertThat(ratio.samplerDescription())
          .isEqualTo(Sampler.parentBased(Sampler.traceIdRatioBased(0.25)).getDescription())
          .startsWith("ParentBased{root:TraceIdRatioBased{0.250000}");
      assertThat(byDefault.samplerDescription()).isEqualTo("AlwaysOnSampler");
    }
  }
}
