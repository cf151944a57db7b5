package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.TestHeaders.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What each X-B3-Sampled value means to a receiver, and what the validators refuse outright. */
class B3SamplingStatesTest {

  private static final String TRACE_ID = "80f198ee56343ba864fe8b2a57d3eff7";
  private static final String SPAN_ID = "e457b5a2e4d86bd1";

  private static B3Validation multi(String sampled) {
    return B3.validateMulti(
        headers("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Sampled", sampled));
  }

  @Test
  void should_read_zero_as_a_decision_not_to_sample() {
    // WHEN
    B3Validation validation = multi("0");
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.isSampled()).isFalse();
    assertThat(validation.isSamplingDeferred()).isFalse();
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_read_legacy_false_as_not_sampled_with_a_problem() {
    // WHEN
    B3Validation validation = multi("false");
    // THEN
    assertThat(validation.isSampled()).isFalse();
    assertThat(validation.isSamplingDeferred()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "X-B3-Sampled: value \"false\" should be 1 or 0; B3 lets only lenient receivers accept"
                + " true and false");
  }

  @Test
  void should_read_legacy_true_as_sampled_with_a_problem() {
    // WHEN
    B3Validation validation = multi("true");
    // THEN
    assertThat(validation.isSampled()).isTrue();
    assertThat(validation.isDebug()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "X-B3-Sampled: value \"true\" should be 1 or 0; B3 lets only lenient receivers accept"
                + " true and false");
  }

  @Test
  void should_defer_the_decision_on_an_unknown_value_with_a_problem() {
    // WHEN
    B3Validation validation = multi("yes");
    // THEN
    assertThat(validation.isSampled()).isFalse();
    assertThat(validation.isSamplingDeferred()).isTrue();
    assertThat(validation.problems())
        .containsExactly(
            "X-B3-Sampled: value \"yes\" is not 1 or 0, so a receiver treats the sampling"
                + " decision as deferred");
  }

  @Test
  void should_require_the_trace_id_with_a_span_id() {
    // WHEN
    B3Validation validation = B3.validateMulti(headers("X-B3-SpanId", SPAN_ID));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.traceId()).isNull();
    assertThat(validation.problems())
        .containsExactly(
            "X-B3-TraceId: header is missing, but B3 requires it together with X-B3-SpanId");
  }

  @Test
  void should_ignore_the_sampling_state_of_a_single_header_with_a_bad_id() {
    // WHEN
    B3Validation validation = B3.validateSingle(headers("b3", TRACE_ID + "-xyz-1"));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.isSampled()).isFalse();
    assertThat(validation.isSamplingDeferred()).isTrue();
  }

  @Test
  void should_refuse_null_headers() {
    assertThatThrownBy(() -> B3.validateSingle(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headers must not be null");
    assertThatThrownBy(() -> B3.validateMulti(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headers must not be null");
    assertThatThrownBy(() -> BaggageHeader.validate(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("headers must not be null");
  }
}
