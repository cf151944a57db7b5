package dev.spanproof.assertions;

import static dev.spanproof.assertions.Failure.at;

import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.Optional;

/** Checks of one span's head-sampling decision, as its sampled flag carries it. */
final class SamplingChecks {

  private SamplingChecks() {}

  static Optional<Failure> isSampled(SpanNode span) {
    if (span.span().getSpanContext().isSampled()) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected sampled",
            SamplingMessages.shouldBeSampled(span, true),
            SamplingDecision.RECORD_ONLY,
            SamplingDecision.RECORD_AND_SAMPLE));
  }

  static Optional<Failure> isNotSampled(SpanNode span) {
    if (!span.span().getSpanContext().isSampled()) {
      return Optional.empty();
    }
    return Optional.of(
        at(
            span,
            "expected not sampled",
            SamplingMessages.shouldBeSampled(span, false),
            SamplingDecision.RECORD_AND_SAMPLE,
            SamplingDecision.RECORD_ONLY));
  }
}
