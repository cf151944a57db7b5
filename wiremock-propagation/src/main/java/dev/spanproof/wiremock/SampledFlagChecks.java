package dev.spanproof.wiremock;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.SpanLimitExceededException;
import dev.spanproof.core.propagation.TraceContextValidation;
import dev.spanproof.core.sampling.SamplingRecord;
import dev.spanproof.wiremock.TestSpans.SpanRef;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import java.util.Optional;

/**
 * The check behind {@code eachCarriedTheSampledFlagOfItsClientSpan()}: is the sampled flag of a
 * request's {@code traceparent} the head-sampling decision of the span that sent it. A recorded
 * span is found by the parent-id; a span the sampler dropped was never recorded, so a parent-id
 * that names no recorded span is judged by the test's sampling decisions for that trace.
 */
final class SampledFlagChecks {

  /**
   * What the flag should have been, and what is wrong with it.
   *
   * @param expected e.g. {@code set (span [GET] CLIENT 00f067aa0ba90002: RECORD_AND_SAMPLE by
   *     AlwaysOnSampler)}
   * @param problem null when the flag is right
   */
  record Verdict(String expected, String problem) {}

  private SampledFlagChecks() {}

  /** Whether the current test's sampler decided on spans of the trace the request carries. */
  static boolean decidedOnTrace(Optional<CaptureSession> session, String traceId) {
    return session.isPresent()
        && traceId != null
        && decisions(session.get()).stream().anyMatch(record -> record.traceId().equals(traceId));
  }

  static Verdict check(TraceContextValidation validation, Optional<CaptureSession> session) {
    if (!validation.isValid()) {
      return new Verdict("a valid traceparent", String.join("; ", validation.problems()));
    }
    if (session.isEmpty()) {
      String unknown = "no open test session owns trace " + validation.traceId();
      return new Verdict("(unknown: " + unknown + ")", unknown + ", so its decisions are unknown");
    }
    CaptureSession test = session.get();
    String sampler = test.harness().samplerDescription();
    Optional<SpanRef> sender =
        TestSpans.withSpanId(TestSpans.of(test), validation.traceId(), validation.parentId());
    if (sender.isPresent()) {
      SpanRef span = sender.get();
      boolean sampled = span.context().isSampled();
      SamplingDecision decision =
          sampled ? SamplingDecision.RECORD_AND_SAMPLE : SamplingDecision.RECORD_ONLY;
      String expected =
          flag(sampled) + " (" + span.describe() + ": " + decision + " by " + sampler + ")";
      if (sampled == validation.isSampled()) {
        return new Verdict(expected, null);
      }
      return new Verdict(
          expected,
          "traceparent: the sampled flag is "
              + (validation.isSampled() ? "set" : "clear")
              + ", but the sampler decided "
              + decision
              + " for "
              + span.describe());
    }
    Optional<SamplingRecord> dropped =
        decisions(test).stream()
            .filter(record -> record.traceId().equals(validation.traceId()))
            .filter(record -> record.decision() == SamplingDecision.DROP)
            .filter(record -> record.spanKind() == SpanKind.CLIENT)
            .findFirst();
    if (dropped.isEmpty()) {
      return new Verdict(
          "(unknown: " + test.name() + " has no span " + validation.parentId() + ")",
          "traceparent: parent-id "
              + validation.parentId()
              + " is no span "
              + test.name()
              + " recorded, and its sampler dropped no CLIENT span of trace "
              + validation.traceId());
    }
    String droppedSpan = "span [" + dropped.get().spanName() + "] CLIENT";
    String expected = flag(false) + " (" + droppedSpan + " was dropped: DROP by " + sampler + ")";
    if (!validation.isSampled()) {
      return new Verdict(expected, null);
    }
    return new Verdict(
        expected,
        "traceparent: the sampled flag is set, but the sampler dropped "
            + droppedSpan
            + " of this trace, and a dropped span propagates as not sampled");
  }

  private static String flag(boolean sampled) {
    return sampled ? "set" : "clear";
  }

  private static List<SamplingRecord> decisions(CaptureSession session) {
    try {
      return session.samplingDecisions();
    } catch (SpanLimitExceededException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
