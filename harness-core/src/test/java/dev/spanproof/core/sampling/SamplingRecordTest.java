package dev.spanproof.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sampler's answer as a value: what it decided, compared by content, its arguments checked. */
class SamplingRecordTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static SamplingRecord record(String name, SamplingResult result) {
    return SamplingRecord.of(
        name, SpanKind.SERVER, TRACE_ID, SpanContext.getInvalid(), result, "AlwaysOnSampler");
  }

  @Test
  void only_record_and_sample_is_sampled() {
    assertThat(record("a", SamplingResult.recordAndSample()).isSampled()).isTrue();
    assertThat(record("a", SamplingResult.recordOnly()).isSampled()).isFalse();
    assertThat(record("a", SamplingResult.recordOnly()).isRecorded()).isTrue();
    assertThat(record("a", SamplingResult.drop()).isSampled()).isFalse();
  }

  @Test
  void records_of_the_same_answer_are_equal() {
    SamplingRecord sampled = record("GET /orders", SamplingResult.recordAndSample());

    assertThat(List.of(sampled)).contains(sampled);
    assertThat(sampled)
        .isEqualTo(record("GET /orders", SamplingResult.recordAndSample()))
        .hasSameHashCodeAs(record("GET /orders", SamplingResult.recordAndSample()))
        .isNotEqualTo(record("GET /orders", SamplingResult.drop()))
        .isNotEqualTo(record("GET /order", SamplingResult.recordAndSample()))
        .isNotEqualTo("GET /orders");
    assertThat(sampled.hashCode())
        .isNotEqualTo(record("GET /orders", SamplingResult.drop()).hashCode());
  }

  @Test
  void refuses_null_arguments_naming_them() {
    SamplingResult result = SamplingResult.recordAndSample();
    SpanContext root = SpanContext.getInvalid();
    assertThatThrownBy(() -> SamplingRecord.of(null, SpanKind.SERVER, TRACE_ID, root, result, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spanName must not be null");
    assertThatThrownBy(() -> SamplingRecord.of("a", null, TRACE_ID, root, result, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spanKind must not be null");
    assertThatThrownBy(() -> SamplingRecord.of("a", SpanKind.SERVER, null, root, result, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("traceId must not be null");
    assertThatThrownBy(() -> SamplingRecord.of("a", SpanKind.SERVER, TRACE_ID, null, result, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parentSpanContext must not be null");
    assertThatThrownBy(() -> SamplingRecord.of("a", SpanKind.SERVER, TRACE_ID, root, null, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("result must not be null");
    assertThatThrownBy(() -> SamplingRecord.of("a", SpanKind.SERVER, TRACE_ID, root, result, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("samplerDescription must not be null");
  }
}
