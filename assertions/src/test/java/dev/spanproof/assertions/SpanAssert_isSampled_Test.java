package dev.spanproof.assertions;

import static dev.spanproof.assertions.TraceAssertions.assertThatTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class SpanAssert_isSampled_Test {

  @Test
  void should_pass_when_the_span_was_sampled() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOn())) {
      test.processOrder();
      assertThatTrace()
          .span("processOrder")
          .isSampled()
          .returnToTrace()
          .span("processPayment")
          .isSampled();
    }
  }

  @Test
  void should_pass_when_the_span_was_recorded_but_not_sampled() {
    try (SamplingFixture test = new SamplingFixture(new RecordOnlySampler())) {
      test.processOrder();
      assertThatTrace().span("processOrder").isNotSampled();
    }
  }

  @Test
  void should_fail_naming_the_sampler_and_its_decision() {
    try (SamplingFixture test = new SamplingFixture(new RecordOnlySampler())) {
      test.processOrder();
      assertThatThrownBy(() -> assertThatTrace().span("processPayment").isSampled())
          .hasMessage(
              """
              Expecting span [processPayment] to be sampled:
                RECORD_AND_SAMPLE
              but RecordOnly decided:
                RECORD_ONLY (parent 0000000000000001 (local, not sampled))

              trace 00000000000000000000000000000001 (3 spans, 3.00 ms)
              └─ processOrder [SERVER, UNSET, 3.00 ms, not sampled]
                 ├─ validateInventory [INTERNAL, UNSET, 1.00 ms, not sampled]
                 └─ processPayment [CLIENT, UNSET, 1.00 ms, not sampled]  <-- expected sampled""");
    }
  }

  @Test
  void should_fail_when_a_sampled_span_was_expected_not_to_be() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOn())) {
      test.processOrder();
      assertThatThrownBy(() -> assertThatTrace().span("processOrder").isNotSampled())
          .hasMessage(
              """
              Expecting span [processOrder] to be recorded but not sampled:
                RECORD_ONLY
              but AlwaysOnSampler decided:
                RECORD_AND_SAMPLE (no parent)

              trace 00000000000000000000000000000001 (3 spans, 3.00 ms)
              └─ processOrder [SERVER, UNSET, 3.00 ms]  <-- expected not sampled
                 ├─ validateInventory [INTERNAL, UNSET, 1.00 ms]
                 └─ processPayment [CLIENT, UNSET, 1.00 ms]""");
    }
  }

  @Test
  void should_read_the_trace_flags_of_spans_from_elsewhere() {
    // GIVEN spans handed in after their test's session is gone
    List<SpanData> spans;
    try (SamplingFixture test = new SamplingFixture(new RecordOnlySampler())) {
      test.processOrder();
      spans = test.session.finishedSpans();
    }
    // WHEN/THEN
    assertThatThrownBy(() -> assertThatTrace(spans).span("processOrder").isSampled())
        .hasMessageStartingWith(
            """
            Expecting span [processOrder] to be sampled:
              RECORD_AND_SAMPLE
            but its trace flags are 00:
              RECORD_ONLY

            trace 00000000000000000000000000000001""");
  }

  @Test
  void should_give_ides_the_expected_and_actual_decisions() {
    try (SamplingFixture test = new SamplingFixture(new RecordOnlySampler())) {
      test.processOrder();
      AssertionFailedError error =
          catchThrowableOfType(
              AssertionFailedError.class, () -> assertThatTrace().span("processOrder").isSampled());
      assertThat(error.getExpected().getValue()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
      assertThat(error.getActual().getValue()).isEqualTo(SamplingDecision.RECORD_ONLY);
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
}
