package dev.spanproof.core.propagation;

import static dev.spanproof.core.propagation.TestHeaders.headers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases follow the openzipkin/b3-propagation README (examples quoted from it where possible). */
class B3Test {

  private static final String TRACE_ID = "80f198ee56343ba864fe8b2a57d3eff7";
  private static final String SPAN_ID = "e457b5a2e4d86bd1";
  private static final String PARENT = "05e3ac9a4f6e3b90";

  @Test
  void should_accept_single_header_from_the_spec() {
    // WHEN
    B3Validation validation =
        B3.validateSingle(headers("b3", TRACE_ID + "-" + SPAN_ID + "-1-" + PARENT));
    // THEN
    assertThat(validation.format()).isEqualTo(PropagationFormat.B3_SINGLE);
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.traceId()).isEqualTo(TRACE_ID);
    assertThat(validation.parentId()).isEqualTo(SPAN_ID);
    assertThat(validation.isSampled()).isTrue();
    assertThat(validation.isDebug()).isFalse();
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_pad_64_bit_trace_id_and_defer_sampling_without_state() {
    // WHEN
    B3Validation validation = B3.validateSingle(headers("B3", "64fe8b2a57d3eff7-" + SPAN_ID));
    // THEN
    assertThat(validation.traceId()).isEqualTo("000000000000000064fe8b2a57d3eff7");
    assertThat(validation.isSamplingDeferred()).isTrue();
    assertThat(validation.isSampled()).isFalse();
  }

  @CsvSource({"0,false,false", "1,true,false", "d,true,true"})
  @ParameterizedTest
  void should_accept_sampling_state_alone(String state, boolean sampled, boolean debug) {
    // WHEN
    B3Validation validation = B3.validateSingle(headers("b3", state));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.isSampled()).isEqualTo(sampled);
    assertThat(validation.isDebug()).isEqualTo(debug);
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_reject_bad_sampling_state() {
    // WHEN
    B3Validation validation = B3.validateSingle(headers("b3", TRACE_ID + "-" + SPAN_ID + "-x"));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "b3: SamplingState \"x\" is not 0, 1 or d, the only sampling states B3 defines;"
                + " a receiver ignores the whole value");
  }

  @Test
  void should_reject_uppercase_and_wrongly_sized_ids() {
    // WHEN
    B3Validation validation =
        B3.validateSingle(headers("b3", TRACE_ID.toUpperCase(Locale.ROOT) + "-" + SPAN_ID + "0-1"));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "b3: TraceId \"80F198EE56343BA864FE8B2A57D3EFF7\" contains \"F\", but B3 allows only"
                + " lowercase hex characters (0-9, a-f)",
            "b3: SpanId \"e457b5a2e4d86bd10\" has 17 characters, but B3 requires 16 lowercase hex"
                + " characters");
  }

  @Test
  void should_reject_single_header_with_too_many_fields() {
    // WHEN
    B3Validation validation = B3.validateSingle(headers("b3", "a-b-c-d-e"));
    // THEN
    assertThat(validation.problems())
        .containsExactly(
            "b3: value \"a-b-c-d-e\" has 5 dash-separated fields, but B3 requires"
                + " {TraceId}-{SpanId}[-{SamplingState}[-{ParentSpanId}]] or a sampling state"
                + " alone");
  }

  @Test
  void should_accept_multiple_headers_from_the_spec() {
    // WHEN
    B3Validation validation =
        B3.validateMulti(
            headers(
                "X-B3-TraceId", TRACE_ID,
                "X-B3-ParentSpanId", PARENT,
                "X-B3-SpanId", SPAN_ID,
                "X-B3-Sampled", "1"));
    // THEN
    assertThat(validation.format()).isEqualTo(PropagationFormat.B3_MULTI);
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.traceId()).isEqualTo(TRACE_ID);
    assertThat(validation.parentId()).isEqualTo(SPAN_ID);
    assertThat(validation.isSampled()).isTrue();
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_accept_deny_decision_alone() {
    // WHEN
    B3Validation validation = B3.validateMulti(headers("x-b3-sampled", "0"));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.isSamplingDeferred()).isFalse();
    assertThat(validation.problems()).isEmpty();
  }

  @Test
  void should_require_trace_id_and_span_id_together() {
    // WHEN
    B3Validation validation = B3.validateMulti(headers("X-B3-TraceId", TRACE_ID));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "X-B3-SpanId: header is missing, but B3 requires it together with X-B3-TraceId");
  }

  @Test
  void should_reject_malformed_parent_span_id() {
    // GIVEN the README's own example of malformed data
    // WHEN
    B3Validation validation =
        B3.validateMulti(
            headers("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-ParentSpanId", "-"));
    // THEN
    assertThat(validation.isValid()).isFalse();
    assertThat(validation.problems())
        .containsExactly(
            "X-B3-ParentSpanId: \"-\" has 1 characters, but B3 requires 16 lowercase hex"
                + " characters");
  }

  @Test
  void should_accept_legacy_true_with_a_problem_and_flag_debug_with_sampled() {
    // WHEN
    B3Validation validation =
        B3.validateMulti(
            headers(
                "X-B3-TraceId",
                TRACE_ID,
                "X-B3-SpanId",
                SPAN_ID,
                "X-B3-Sampled",
                "true",
                "X-B3-Flags",
                "1"));
    // THEN
    assertThat(validation.isValid()).isTrue();
    assertThat(validation.isDebug()).isTrue();
    assertThat(validation.isSampled()).isTrue();
    assertThat(validation.problems())
        .containsExactly(
            "X-B3-Sampled: value \"true\" should be 1 or 0; B3 lets only lenient receivers accept"
                + " true and false",
            "X-B3-Sampled: sent together with X-B3-Flags: 1, but debug implies accept, so B3 says"
                + " not to send X-B3-Sampled as well");
  }

  @Test
  void should_use_first_of_repeated_headers_and_report_it() {
    // WHEN
    B3Validation validation =
        B3.validateMulti(
            headers(
                "X-B3-TraceId", TRACE_ID,
                "X-B3-TraceId", "463ac35c9f6413ad48485a3953bb6124",
                "X-B3-SpanId", SPAN_ID));
    // THEN
    assertThat(validation.traceId()).isEqualTo(TRACE_ID);
    assertThat(validation.problems())
        .containsExactly(
            "X-B3-TraceId: header occurs 2 times; B3 says the first value wins, but receivers"
                + " that read another one disagree");
  }

  @Test
  void should_ignore_unknown_flags_with_a_warning() {
    // WHEN
    B3Validation validation =
        B3.validateMulti(
            headers("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Flags", "2"));
    // THEN
    assertThat(validation.isDebug()).isFalse();
    assertThat(validation.warnings())
        .containsExactly("X-B3-Flags: value \"2\" is ignored; B3 defines only 1 (debug)");
  }

  @Test
  void should_reject_all_zero_ids_and_describe_itself() {
    // WHEN
    B3Validation validation = B3.validateSingle(headers("b3", "0000000000000000-" + SPAN_ID));
    // THEN
    assertThat(validation.toString())
        .isEqualTo(
            "B3Validation[B3_SINGLE, no trace, sampling=deferred]"
                + System.lineSeparator()
                + "  problem: b3: TraceId \"0000000000000000\" is all zeros, which Zipkin and"
                + " OpenTelemetry treat as no id");
  }
}
