package dev.spanproof.assertions;

import static dev.spanproof.assertions.Layout.expecting;
import static dev.spanproof.assertions.Layout.span;

import dev.spanproof.core.sampling.SamplingRecord;
import dev.spanproof.core.trace.SpanNode;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.Optional;

/** Failure messages about head-sampling decisions. */
final class SamplingMessages {

  private SamplingMessages() {}

  /**
   * "Expecting span [x] to be sampled / not to be sampled", then the decision the span shows: by
   * the sampler that made it when the current test recorded it, else by the span's trace flags.
   */
  static String shouldBeSampled(SpanNode node, boolean expected) {
    SamplingDecision wanted =
        expected ? SamplingDecision.RECORD_AND_SAMPLE : SamplingDecision.RECORD_ONLY;
    String expectation = expected ? "be sampled" : "be recorded but not sampled";
    Optional<SamplingRecord> decision = HeadDecisions.of(node.span());
    if (decision.isPresent()) {
      SamplingRecord record = decision.get();
      return expecting(
          span(node),
          expectation,
          wanted,
          record.samplerDescription() + " decided",
          record.decision() + " (" + record.describeParent() + ")");
    }
    return expecting(
        span(node),
        expectation,
        wanted,
        "its trace flags are " + node.span().getSpanContext().getTraceFlags().asHex(),
        expected ? SamplingDecision.RECORD_ONLY : SamplingDecision.RECORD_AND_SAMPLE);
  }
}
