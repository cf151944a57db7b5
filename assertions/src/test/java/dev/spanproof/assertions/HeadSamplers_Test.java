package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatSamplingDecisions;
import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.SeededIdGenerator;
import dev.spanproof.core.sampling.SamplingRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.contrib.sampler.RuleBasedRoutingSampler;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.ParentBasedSamplerBuilder;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of the SDK's samplers, a custom one and a contrib one, as the head-sampling DSL sees them.
 */
class HeadSamplers_Test {

  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

  @Test
  void alwaysOn_samples_every_span() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOn())) {
      test.processOrder();
      assertThatTrace().span("processOrder").isSampled();
      assertThatSamplingDecisions()
          .spanWasSampled("processOrder")
          .spanWasSampled("processPayment")
          .everyChildFollowedItsParent();
    }
  }

  @Test
  void alwaysOff_drops_every_span_and_the_trace_assertion_says_so() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOff())) {
      test.processOrder();
      assertThatSamplingDecisions()
          .spanWasDropped("processOrder")
          .spanWasDropped("validateInventory")
          .spanWasDropped("processPayment");
      assertThatThrownBy(TraceAssertions::assertThatTrace)
          .hasMessageContaining(
              "the sampler dropped the test's spans: yes, AlwaysOffSampler dropped all 3 of them"
                  + " (processOrder, validateInventory, processPayment)");
    }
  }

  @ParameterizedTest(name = "traceIdRatioBased({0}), seed {1}")
  @CsvSource({"0.01, 1", "0.25, 2", "0.5, 3", "0.9, 4"})
  void traceIdRatioBased_keeps_its_share_of_traces(double ratio, long seed) {
    try (SamplingFixture test =
        new SamplingFixture(Sampler.traceIdRatioBased(ratio), SeededIdGenerator.withSeed(seed))) {
      for (int i = 0; i < 10_000; i++) {
        test.child("GET /orders", SpanKind.SERVER);
      }
      assertThatSamplingDecisions()
          .as("traceIdRatioBased(%s) with seed %d", ratio, seed)
          .hasSampledTraceShare(ratio, 4);
    }
  }

  @Test
  void traceIdRatioBased_fails_with_the_tolerance_stated() {
    try (SamplingFixture test =
        new SamplingFixture(Sampler.traceIdRatioBased(0.25), SeededIdGenerator.withSeed(42))) {
      for (int i = 0; i < 1_000; i++) {
        test.child("GET /orders", SpanKind.SERVER);
      }
      int sampled =
          (int) test.session.samplingDecisions().stream().filter(SamplingRecord::isSampled).count();
      assertThatThrownBy(() -> assertThatSamplingDecisions().hasSampledTraceShare(0.5, 4))
          .hasMessage(
              """
              Expecting the traces of test [checkout] to be sampled at a share of 0.5, within 4.0 \
              standard deviations of the binomial count (n = 1000, sd = 15.81):
                436.8 to 563.2 of 1000 (0.4368 to 0.5632)
              but the sampler sampled:
                %d of 1000 (%.4f), %.2f standard deviations from 500.0"""
                  .formatted(sampled, sampled / 1000.0, Math.abs(sampled - 500) / Math.sqrt(250)));
      assertThat(sampled).isBetween(200, 300);
    }
  }

  @Test
  void traceIdRatioBased_decides_a_whole_trace_alike() {
    try (SamplingFixture test =
        new SamplingFixture(Sampler.traceIdRatioBased(0.5), SeededIdGenerator.withSeed(7))) {
      for (int i = 0; i < 20; i++) {
        test.processOrder();
      }
      assertThatSamplingDecisions().everyChildFollowedItsParent();
    }
  }

  @Test
  void parentBased_follows_local_and_remote_parents_by_default() {
    try (SamplingFixture test = new SamplingFixture(Sampler.parentBased(Sampler.alwaysOn()))) {
      test.processOrder(SamplingFixture.REMOTE_SAMPLED);
      test.processOrder(SamplingFixture.REMOTE_NOT_SAMPLED);
      assertThatSamplingDecisions().everyRemoteParentWasHonoured().everyChildFollowedItsParent();
      assertThatThrownBy(() -> assertThatSamplingDecisions().spanWasSampled("processOrder"))
          .hasMessageContaining(
              "for 1 of its 2 spans:\n  DROP (parent 00f067aa0ba902b7 (remote, not sampled))");
    }
  }

  static Stream<Arguments> parentBasedBranches() {
    Consumer<SamplingFixture> remoteSampled =
        test -> test.processOrder(SamplingFixture.REMOTE_SAMPLED);
    Consumer<SamplingFixture> remoteNotSampled =
        test -> test.processOrder(SamplingFixture.REMOTE_NOT_SAMPLED);
    Consumer<SamplingFixture> local = SamplingFixture::processOrder;
    return Stream.of(
        branch(
            "remoteParentSampled",
            Sampler.alwaysOn(),
            b -> b.setRemoteParentSampled(new RecordOnlySampler()),
            remoteSampled,
            "processOrder"),
        branch(
            "remoteParentNotSampled",
            Sampler.alwaysOn(),
            b -> b.setRemoteParentNotSampled(new RecordOnlySampler()),
            remoteNotSampled,
            "processOrder"),
        branch(
            "localParentSampled",
            Sampler.alwaysOn(),
            b -> b.setLocalParentSampled(new RecordOnlySampler()),
            local,
            "validateInventory"),
        // The root is dropped, so its children have a local parent that is not sampled.
        branch(
            "localParentNotSampled",
            Sampler.alwaysOff(),
            b -> b.setLocalParentNotSampled(new RecordOnlySampler()),
            local,
            "validateInventory"));
  }

  private static Arguments branch(
      String name,
      Sampler root,
      Consumer<ParentBasedSamplerBuilder> configure,
      Consumer<SamplingFixture> work,
      String decidedByBranch) {
    return Arguments.of(name, root, configure, work, decidedByBranch);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parentBasedBranches")
  void parentBased_asks_the_sampler_configured_for_the_branch(
      String branch,
      Sampler root,
      Consumer<ParentBasedSamplerBuilder> configure,
      Consumer<SamplingFixture> work,
      String decidedByBranch) {
    ParentBasedSamplerBuilder builder = Sampler.parentBasedBuilder(root);
    configure.accept(builder);
    try (SamplingFixture test = new SamplingFixture(builder.build())) {
      work.accept(test);
      assertThatSamplingDecisions().spanWasRecordedOnly(decidedByBranch);
      assertThatTrace().span(decidedByBranch).isNotSampled();
      assertThat(test.session.samplingDecisions().get(0).samplerDescription())
          .contains(branch + ":RecordOnly");
    }
  }

  @Test
  void a_custom_sampler_adds_attributes_and_trace_state() {
    try (SamplingFixture test = new SamplingFixture(new TenantSampler())) {
      test.processOrder();
      SamplingRecord root = test.session.samplingDecisions().get(0);
      assertThat(root.attributes()).isEqualTo(Attributes.of(TenantSampler.RULE, "orders"));
      assertThat(root.traceState().get("acme")).isEqualTo("tier:gold");
      assertThat(root)
          .hasToString(
              "processOrder [SERVER], trace 00000000000000000000000000000001, no parent:"
                  + " RECORD_AND_SAMPLE by Tenant, added attributes {sampler.rule=\"orders\"},"
                  + " trace state acme=tier:gold");
      SpanContext captured = test.session.finishedSpans().get(0).getSpanContext();
      assertThat(captured.getTraceState()).isEqualTo(root.traceState());
      assertThatTrace().span("processOrder").isSampled().hasAttribute(TenantSampler.RULE, "orders");
    }
  }

  @Test
  void a_contrib_rule_based_sampler_drops_health_checks() {
    Sampler dropHealthChecks =
        RuleBasedRoutingSampler.builder(SpanKind.SERVER, Sampler.alwaysOn())
            .drop(URL_PATH, "^/health")
            .build();
    try (SamplingFixture test = new SamplingFixture(dropHealthChecks)) {
      for (String path : List.of("/health", "/orders")) {
        test.tracer()
            .spanBuilder("GET " + path)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(URL_PATH, path)
            .startSpan()
            .end();
      }
      assertThatSamplingDecisions().spanWasDropped("GET /health").spanWasSampled("GET /orders");
      assertThatTrace().hasRoot("GET /orders");
      assertThat(test.session.samplingDecisions().get(0).samplerDescription())
          .isEqualTo(dropHealthChecks.getDescription());
    }
  }

  /** Records every span without sampling it, as a sampler that feeds span metrics does. */
  static final class RecordOnlySampler implements Sampler {
    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      return SamplingResult.recordOnly();
    }

    @Override
    public String getDescription() {
      return "RecordOnly";
    }
  }

  /** Samples everything, naming its rule in an attribute and the tenant tier in the trace state. */
  static final class TenantSampler implements Sampler {
    static final AttributeKey<String> RULE = AttributeKey.stringKey("sampler.rule");

    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      Attributes added = Attributes.of(RULE, "orders");
      return new SamplingResult() {
        @Override
        public SamplingDecision getDecision() {
          return SamplingDecision.RECORD_AND_SAMPLE;
        }

        @Override
        public Attributes getAttributes() {
          return added;
        }

        @Override
        public TraceState getUpdatedTraceState(TraceState parentTraceState) {
          return parentTraceState.toBuilder().put("acme", "tier:gold").build();
        }
      };
    }

    @Override
    public String getDescription() {
      return "Tenant";
    }
  }
}
