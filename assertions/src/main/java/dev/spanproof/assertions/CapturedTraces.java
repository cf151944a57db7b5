package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.SpanLimitExceededException;
import dev.spanproof.core.UnendedSpan;
import dev.spanproof.core.sampling.SamplingRecord;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.List;

/**
 * Where the entry points (hard and soft) and {@link TraceWait} find their traces: the current
 * capture session's, or spans handed in. A trace that cannot be found is an {@link AssertionError}
 * saying why, so {@link TraceAssertions} stays a pure entry facade.
 */
final class CapturedTraces {

  private CapturedTraces() {}

  /** The session current on this thread; fails saying how to set one up. */
  static CaptureSession currentSession() {
    return CaptureSession.current().orElseThrow(() -> new AssertionError(TraceMessages.NO_SESSION));
  }

  static List<Trace> tracesOf(CaptureSession session) {
    try {
      return session.traces();
    } catch (SpanLimitExceededException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static List<SamplingRecord> samplingDecisionsOf(CaptureSession session) {
    try {
      return session.samplingDecisions();
    } catch (SpanLimitExceededException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static List<Trace> tracesOf(Collection<SpanData> spans) {
    if (spans == null) {
      throw new AssertionError("assertThatTraces(Collection<SpanData>) needs spans, but got null");
    }
    return groupByTraceId(spans);
  }

  static Trace currentTrace() {
    CaptureSession session = currentSession();
    List<Trace> traces = tracesOf(session);
    List<UnendedSpan> unended = session.unendedSpans();
    if (traces.isEmpty() && unended.isEmpty()) {
      throw new AssertionError(
          TraceMessages.shouldHaveCapturedASpan(session.name(), NoTraceCauses.of(session)));
    }
    return single(session.name(), traces, unended);
  }

  static Trace traceOf(Collection<SpanData> spans) {
    if (spans == null) {
      throw new AssertionError("assertThatTrace(Collection<SpanData>) needs spans, but got null");
    }
    return single("the given spans", groupByTraceId(spans), List.of());
  }

  static Trace single(String source, List<Trace> traces, List<UnendedSpan> unended) {
    if (traces.size() != 1) {
      throw new AssertionError(
          TraceMessages.shouldHaveOneTrace(source, traces, unended, Layout.defaultRenderer()));
    }
    return traces.get(0);
  }

  private static List<Trace> groupByTraceId(Collection<SpanData> spans) {
    try {
      return Trace.groupByTraceId(spans);
    } catch (IllegalArgumentException e) {
      // Trace rejects nulls in its one pass over the spans; count them only now, for the message.
      // Its exception, which prints every span, would bury that message: it is not the cause.
      int nulls = 0;
      for (SpanData span : spans) {
        if (span == null) {
          nulls++;
        }
      }
      if (nulls > 0) {
        throw new AssertionError(
            "Expecting spans without nulls, but "
                + spans.size()
                + " spans hold "
                + nulls
                + " null(s)");
      }
      throw e;
    }
  }
}
