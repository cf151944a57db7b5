package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

class SamplingDecisionsAssert_soft_Test {

  @Test
  void should_collect_every_failed_decision_check() {
    try (SamplingFixture test = new SamplingFixture(Sampler.alwaysOn())) {
      // GIVEN
      test.processOrder();
      SoftTraceAssertions softly = new SoftTraceAssertions();
      // WHEN
      softly
          .assertThatSamplingDecisions()
          .spanWasDropped("processOrder")
          .spanWasSampled("validateInventory")
          .spanWasRecordedOnly("processPayment");
      // THEN: each failure starts on a line of its own, as AssertJ's soft reports expect
      assertThat(softly.errorsCollected())
          .extracting(Throwable::getMessage)
          .extracting(message -> message.lines().skip(1).findFirst().orElseThrow())
          .containsExactly(
              "Expecting span [processOrder] to be dropped by the sampler:",
              "Expecting span [processPayment] to be recorded but not sampled:");
    }
  }

  @Test
  void should_collect_a_missing_session_once_and_check_nothing_after_it() {
    SoftTraceAssertions softly = new SoftTraceAssertions();
    softly.assertThatSamplingDecisions().spanWasDropped("processOrder");
    assertThat(softly.errorsCollected())
        .singleElement()
        .extracting(Throwable::getMessage)
        .asString()
        .contains("Expecting a spanproof capture session to be current, but there is none.");
  }
}
