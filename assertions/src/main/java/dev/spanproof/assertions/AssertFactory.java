package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.sampling.SamplingRecord;
import dev.spanproof.core.trace.Trace;
import java.util.List;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Creates the ready-made trace asserts with their reporting attached, for the entry points (hard
 * and soft) and for {@link TracesAssert}'s navigation; {@link TraceAssertions} stays a pure entry
 * facade.
 */
final class AssertFactory {

  private AssertFactory() {}

  /** An assert on {@code trace} that reports through {@code gate}. */
  static TraceAssert traceAssert(Trace trace, SoftGate gate) {
    TraceAssert assertion = gate.wrap(new TraceAssert(trace), Trace.class, trace);
    assertion.attach(gate, Layout.KEY_ATTRIBUTES);
    return assertion;
  }

  /** A soft assert on {@code trace}, collecting into {@code softly}. */
  static TraceAssert softTraceAssert(Trace trace, SoftAssertionsProvider softly) {
    return traceAssert(trace, SoftGate.collectingInto(softly));
  }

  /** {@code plain}, made soft: proxied to collect into {@code softly}. */
  static <T extends AbstractTraceAssert<T, ?>> T softTraceAssert(
      T plain, Trace trace, SoftAssertionsProvider softly) {
    SoftGate gate = SoftGate.collectingInto(softly);
    T assertion = gate.wrap(plain, Trace.class, trace);
    assertion.attach(gate, Layout.KEY_ATTRIBUTES);
    return assertion;
  }

  /** A soft trace assert that checks nothing: its trace could not be found, already reported. */
  static TraceAssert unresolvedTrace(SoftAssertionsProvider softly) {
    return traceAssert(null, SoftGate.collectingInto(softly).unresolved());
  }

  /** A soft assert on {@code traces}, collecting into {@code softly}. */
  static TracesAssert softTracesAssert(
      List<Trace> traces, SoftAssertionsProvider softly, String source, CaptureSession session) {
    return tracesAssert(traces, SoftGate.collectingInto(softly), source, session);
  }

  /** A soft traces assert that checks nothing: the traces could not be read, already reported. */
  static TracesAssert unresolvedTraces(SoftAssertionsProvider softly) {
    return tracesAssert(null, SoftGate.collectingInto(softly).unresolved(), "the traces", null);
  }

  /** A soft assert on sampling decisions, reporting into {@code softly}. */
  static SamplingDecisionsAssert softDecisionsAssert(
      List<SamplingRecord> decisions, SoftAssertionsProvider softly, String source) {
    return decisionsAssert(decisions, SoftGate.collectingInto(softly), source);
  }

  /** A soft decisions assert that checks nothing: the decisions could not be read, reported. */
  static SamplingDecisionsAssert unresolvedDecisions(SoftAssertionsProvider softly) {
    return decisionsAssert(null, SoftGate.collectingInto(softly).unresolved(), "the decisions");
  }

  private static SamplingDecisionsAssert decisionsAssert(
      List<SamplingRecord> decisions, SoftGate gate, String source) {
    SamplingDecisionsAssert assertion =
        gate.wrap(new SamplingDecisionsAssert(decisions), List.class, decisions);
    assertion.attach(gate);
    return assertion.describedAsSource(source);
  }

  private static TracesAssert tracesAssert(
      List<Trace> traces, SoftGate gate, String source, CaptureSession session) {
    TracesAssert assertion = gate.wrap(new TracesAssert(traces), List.class, traces);
    assertion.attach(gate);
    return assertion.describedAsSource(source, session);
  }
}
