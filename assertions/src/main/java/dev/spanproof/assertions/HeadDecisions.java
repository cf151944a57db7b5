package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.SpanLimitExceededException;
import dev.spanproof.core.sampling.SamplingRecord;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Optional;

/**
 * Finds the head-sampling decision behind a captured span, so that a message can name the sampler
 * and what it saw. The sampler is not told the span's id: a span matches the record with its trace
 * id, name and parent, and, among repeated siblings, a decision that agrees with its sampled flag.
 */
final class HeadDecisions {

  private HeadDecisions() {}

  /** The decision the current test's harness recorded for {@code span}, if it recorded one. */
  static Optional<SamplingRecord> of(SpanData span) {
    Optional<CaptureSession> session = CaptureSession.current();
    if (session.isEmpty()) {
      return Optional.empty();
    }
    List<SamplingRecord> decisions;
    try {
      decisions = session.get().samplingDecisions();
    } catch (SpanLimitExceededException e) {
      // Past its limit the log is incomplete; the message then reads the span's flag alone.
      return Optional.empty();
    }
    boolean sampled = span.getSpanContext().isSampled();
    for (SamplingRecord record : decisions) {
      if (record.traceId().equals(span.getTraceId())
          && record.spanName().equals(span.getName())
          && record.parentSpanId().equals(span.getParentSpanId())
          && record.isRecorded()
          && record.isSampled() == sampled) {
        return Optional.of(record);
      }
    }
    return Optional.empty();
  }
}
