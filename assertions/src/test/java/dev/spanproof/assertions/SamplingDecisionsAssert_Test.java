package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatSamplingDecisions;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.sampling.SamplingRecord;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingDecisionsAssert_Test {

  @Test
  void should_pass_when_every_span_of_the_name_got_the_decision() {
    try (SamplingFixture test = new SamplingFixture(new ServerOnlySampler())) {
      test.processOrder();
      assertThatSamplingDecisions()
          .spanWasSampled("processOrder")
          .spanWasDropped("validateInventory")
          .hasDecision("processPayment", SamplingDecision.DROP);
    }
  }

  @Test
  void should_fail_naming_the_sampler_and_listing_the_decisions() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOn())) {
      test.processOrder();
      assertThatThrownBy(() -> assertThatSamplingDecisions().spanWasDropped("validateInventory"))
          .hasMessage(
              """
              Expecting span [validateInventory] to be dropped by the sampler:
                DROP
              but AlwaysOnSampler decided:
                RECORD_AND_SAMPLE (parent 0000000000000001 (local, sampled))

              Sampling decisions of test [checkout], in order (3):
                processOrder [SERVER], trace 00000000000000000000000000000001, no parent: RECORD_AND_SAMPLE by AlwaysOnSampler
                validateInventory [INTERNAL], trace 00000000000000000000000000000001, parent 0000000000000001 (local, sampled): RECORD_AND_SAMPLE by AlwaysOnSampler  <-- expected DROP
                processPayment [CLIENT], trace 00000000000000000000000000000001, parent 0000000000000001 (local, sampled): RECORD_AND_SAMPLE by AlwaysOnSampler""");
    }
  }

  @Test
  void should_fail_counting_the_spans_of_the_name_that_got_another_decision() {
    try (SamplingFixture test = new SamplingFixture(new ServerOnlySampler())) {
      test.processOrder();
      test.child("processOrder", SpanKind.INTERNAL);
      assertThatThrownBy(() -> assertThatSamplingDecisions().spanWasSampled("processOrder"))
          .hasMessageStartingWith(
              """
              Expecting span [processOrder] to be sampled:
                RECORD_AND_SAMPLE
              but ServerOnly decided, for 1 of its 2 spans:
                DROP (no parent)
              """);
    }
  }

  @Test
  void should_fail_listing_the_names_the_sampler_was_asked_about_when_the_name_is_unknown() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOff())) {
      test.processOrder();
      assertThatThrownBy(() -> assertThatSamplingDecisions().spanWasDropped("processOrdr"))
          .hasMessageStartingWith(
              """
              Expecting span [processOrdr] to be dropped by the sampler:
                DROP
              but the sampler was never asked about a span of that name in test [checkout]; it \
              decided on:
                processOrder, validateInventory, processPayment

              Sampling decisions of test [checkout], in order (3):
              """);
    }
  }

  @Test
  void should_pass_when_every_child_followed_its_parent() {
    try (SamplingFixture test = new SamplingFixture(Sampler.parentBased(new ServerOnlySampler()))) {
      test.processOrder();
      test.child("scheduledCleanup", SpanKind.INTERNAL);
      assertThatSamplingDecisions()
          .spanWasSampled("processPayment")
          .spanWasDropped("scheduledCleanup")
          .everyChildFollowedItsParent();
    }
  }

  @Test
  void should_fail_marking_the_children_that_did_not_follow_their_parent() {
    try (SamplingFixture test = new SamplingFixture(new ServerOnlySampler())) {
      test.processOrder();
      assertThatThrownBy(() -> assertThatSamplingDecisions().everyChildFollowedItsParent())
          .hasMessage(
              """
              Expecting every span with a local parent in test [checkout] to follow its parent's \
              sampling decision:
                sampled exactly when its parent is sampled
              but 2 of 2 did not:
                validateInventory: DROP, parent 0000000000000001 (local, sampled)
                processPayment: DROP, parent 0000000000000001 (local, sampled)

              Sampling decisions of test [checkout], in order (3):
                processOrder [SERVER], trace 00000000000000000000000000000001, no parent: RECORD_AND_SAMPLE by ServerOnly
                validateInventory [INTERNAL], trace 00000000000000000000000000000001, parent 0000000000000001 (local, sampled): DROP by ServerOnly  <-- does not follow its parent
                processPayment [CLIENT], trace 00000000000000000000000000000001, parent 0000000000000001 (local, sampled): DROP by ServerOnly  <-- does not follow its parent""");
    }
  }

  @Test
  void should_fail_when_no_span_had_a_parent_of_the_kind_asked_about() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOn())) {
      test.child("scheduledCleanup", SpanKind.INTERNAL);
      assertThatThrownBy(() -> assertThatSamplingDecisions().everyRemoteParentWasHonoured())
          .hasMessage(
              """
              Expecting every span with a remote parent in test [checkout] to honour its remote \
              parent's sampled flag:
                sampled exactly when its parent is sampled
              but the sampler decided on no span with a remote parent

              Sampling decisions of test [checkout], in order (1):
                scheduledCleanup [INTERNAL], trace 00000000000000000000000000000001, no parent: RECORD_AND_SAMPLE by AlwaysOnSampler""");
    }
  }

  @Test
  void should_fail_when_a_remote_parents_unsampled_flag_was_overridden() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOn())) {
      test.processOrder(SamplingFixture.REMOTE_NOT_SAMPLED);
      assertThatThrownBy(() -> assertThatSamplingDecisions().everyRemoteParentWasHonoured())
          .hasMessageStartingWith(
              """
              Expecting every span with a remote parent in test [checkout] to honour its remote \
              parent's sampled flag:
                sampled exactly when its parent is sampled
              but 1 of 1 did not:
                processOrder: RECORD_AND_SAMPLE, parent 00f067aa0ba902b7 (remote, not sampled)
              """);
    }
  }

  @Test
  void should_assert_on_decisions_from_anywhere() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOff())) {
      test.processOrder();
      List<SamplingRecord> decisions = test.harness.samplingDecisions();
      assertThatSamplingDecisions(decisions).spanWasDropped("processOrder");
      assertThatThrownBy(
              () -> assertThatSamplingDecisions(decisions).spanWasSampled("processOrder"))
          .hasMessageContaining("Sampling decisions of the given decisions, in order (3):");
    }
  }

  @Test
  void should_throw_naming_the_parameter_on_null_arguments() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOff())) {
      assertThatThrownBy(() -> assertThatSamplingDecisions().spanWasDropped(null))
          .isExactlyInstanceOf(NullPointerException.class)
          .hasMessage("spanWasDropped(String spanName): spanName must not be null");
      assertThatThrownBy(() -> assertThatSamplingDecisions().hasDecision("processOrder", null))
          .isExactlyInstanceOf(NullPointerException.class)
          .hasMessage(
              "hasDecision(String spanName, SamplingDecision expected): expected must not be null");
      assertThatThrownBy(() -> assertThatSamplingDecisions(Arrays.asList((SamplingRecord) null)))
          .isExactlyInstanceOf(NullPointerException.class)
          .hasMessage(
              "assertThatSamplingDecisions(Collection<SamplingRecord> decisions): decisions must"
                  + " not contain null");
    }
  }

  @Test
  void should_fail_saying_how_to_get_a_session_when_none_is_current() {
    assertThatThrownBy(TraceAssertions::assertThatSamplingDecisions)
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "Expecting a spanproof capture session to be current, but there is none.");
  }

  @Test
  void should_demand_the_exact_count_when_the_share_is_all_or_nothing() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOn())) {
      test.child("GET /orders", SpanKind.SERVER);
      test.child("GET /orders", SpanKind.SERVER);
      assertThatSamplingDecisions().hasSampledTraceShare(1, 4);
      assertThatThrownBy(() -> assertThatSamplingDecisions().hasSampledTraceShare(0, 4))
          .hasMessage(
              """
              Expecting the traces of test [checkout] to be sampled at a share of 0.0, within 4.0 \
              standard deviations of the binomial count (n = 2, sd = 0.00):
                0.0 to 0.0 of 2 (0.0000 to 0.0000)
              but the sampler sampled:
                2 of 2 (1.0000), Infinity standard deviations from 0.0""");
    }
  }

  @Test
  void should_fail_the_share_when_no_trace_started() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOn())) {
      assertThatThrownBy(() -> assertThatSamplingDecisions().hasSampledTraceShare(0.25, 4))
          .hasMessage(
              """
              Expecting the traces of test [checkout] to be sampled at a share of 0.25:
                at least one trace
              but the sampler decided on no span without a parent: no trace started there""");
    }
  }

  @Test
  void should_refuse_a_share_or_tolerance_out_of_range() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOn())) {
      assertThatThrownBy(() -> assertThatSamplingDecisions().hasSampledTraceShare(1.5, 4))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "hasSampledTraceShare(double expectedShare, double standardDeviations):"
                  + " expectedShare must be between 0 and 1, but got 1.5");
      assertThatThrownBy(() -> assertThatSamplingDecisions().hasSampledTraceShare(0.5, 0))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "hasSampledTraceShare(double expectedShare, double standardDeviations):"
                  + " standardDeviations must be positive and finite, but got 0.0");
    }
  }

  /** Samples SERVER spans and drops the rest, regardless of the parent: a sampler with a bug. */
  static final class ServerOnlySampler implements Sampler {
    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      return spanKind == SpanKind.SERVER ? SamplingResult.recordAndSample() : SamplingResult.drop();
    }

    @Override
    public String getDescription() {
      return "ServerOnly";
    }
  }
}
