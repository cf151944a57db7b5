package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.sampling.SamplingRecord;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft versions of {@link TraceAssertions}' entry points: every failure, navigation included, is
 * collected and reported together. Mix it into your own soft assertions class, or use {@link
 * SoftTraceAssertions}.
 *
 * <pre>{@code
 * SoftTraceAssertions.assertSoftly(softly -> {
 *   softly.assertThatTrace().hasRoot("processOrder");
 *   softly.assertThatTrace().span("processPayment").hasKind(CLIENT).hasStatus(OK);
 * });
 * }</pre>
 */
public interface TraceSoftAssertionsProvider extends SoftAssertionsProvider {

  /**
   * Soft {@link TraceAssertions#assertThatTrace()}.
   *
   * @return a soft assert on the current test's single trace
   */
  @CheckReturnValue
  default TraceAssert assertThatTrace() {
    try {
      return softTrace(CapturedTraces.currentTrace());
    } catch (AssertionError e) {
      return unresolvedTrace(e);
    }
  }

  /**
   * Soft {@link TraceAssertions#assertThatTrace(Collection)}.
   *
   * @param spans the spans of one trace
   * @return a soft assert on the trace
   */
  @CheckReturnValue
  default TraceAssert assertThatTrace(Collection<SpanData> spans) {
    try {
      return softTrace(CapturedTraces.traceOf(spans));
    } catch (AssertionError e) {
      return unresolvedTrace(e);
    }
  }

  /**
   * Soft {@link TraceAssertions#assertThatTrace(Trace)}.
   *
   * @param trace the trace
   * @return a soft assert on the trace
   */
  @CheckReturnValue
  default TraceAssert assertThatTrace(Trace trace) {
    return softTrace(trace);
  }

  /**
   * A soft assert of your own type on {@code trace}, e.g. {@code softly.assertThatTrace(trace,
   * OrderTraceAssert::new)}: its navigation hands out your span asserts, soft too. The class is
   * proxied, so it must be public with a public constructor taking the {@link Trace}.
   *
   * @param trace the trace
   * @param newAssert your trace assert's constructor
   * @param <T> your trace assert type
   * @return a soft assert of your type on the trace
   */
  @CheckReturnValue
  default <T extends AbstractTraceAssert<T, ?>> T assertThatTrace(
      Trace trace, Function<Trace, T> newAssert) {
    Arguments.requireNonNull(
        newAssert, "assertThatTrace(Trace trace, Function<Trace, T> newAssert)", "newAssert");
    return AssertFactory.softTraceAssert(newAssert.apply(trace), trace, this);
  }

  private TraceAssert softTrace(Trace trace) {
    return AssertFactory.softTraceAssert(trace, this);
  }

  private TraceAssert unresolvedTrace(AssertionError error) {
    collectAssertionError(startingOwnLine(error));
    return AssertFactory.unresolvedTrace(this);
  }

  /**
   * The entry points' failures are made for hard assertions; in a soft report each starts on a line
   * of its own, below AssertJ's "-- failure 1 --", and its stack starts at the caller, whose line
   * AssertJ quotes.
   */
  private static AssertionError startingOwnLine(AssertionError error) {
    AssertionError soft =
        new AssertionError(
            Layout.startingOwnLineIfSoft(String.valueOf(error.getMessage()), true),
            error.getCause());
    StackTraceElement[] stack = error.getStackTrace();
    int first = 0;
    while (first < stack.length && isEntryPointInternal(stack[first].getClassName())) {
      first++;
    }
    soft.setStackTrace(Arrays.copyOfRange(stack, first, stack.length));
    return soft;
  }

  private static boolean isEntryPointInternal(String className) {
    return className.startsWith("java.")
        || className.startsWith(CapturedTraces.class.getName())
        || className.equals(TraceSoftAssertionsProvider.class.getName());
  }

  /**
   * Soft {@link TraceAssertions#assertThatSamplingDecisions()}.
   *
   * @return a soft assert on the current test's sampling decisions
   */
  @CheckReturnValue
  default SamplingDecisionsAssert assertThatSamplingDecisions() {
    CaptureSession session;
    List<SamplingRecord> decisions;
    try {
      session = CapturedTraces.currentSession();
      decisions = CapturedTraces.samplingDecisionsOf(session);
    } catch (AssertionError e) {
      collectAssertionError(startingOwnLine(e));
      return AssertFactory.unresolvedDecisions(this);
    }
    return AssertFactory.softDecisionsAssert(decisions, this, session.name());
  }

  /**
   * Soft {@link TraceAssertions#assertThatTraces()}.
   *
   * @return a soft assert on the current test's traces
   */
  @CheckReturnValue
  default TracesAssert assertThatTraces() {
    CaptureSession session;
    List<Trace> traces;
    try {
      session = CapturedTraces.currentSession();
      traces = CapturedTraces.tracesOf(session);
    } catch (AssertionError e) {
      collectAssertionError(startingOwnLine(e));
      return AssertFactory.unresolvedTraces(this);
    }
    return AssertFactory.softTracesAssert(traces, this, session.name(), session);
  }

  /**
   * Soft {@link TraceAssertions#assertThatTraces(Collection)}.
   *
   * @param spans spans of any number of traces
   * @return a soft assert on the traces
   */
  @CheckReturnValue
  default TracesAssert assertThatTraces(Collection<SpanData> spans) {
    List<Trace> traces;
    try {
      traces = CapturedTraces.tracesOf(spans);
    } catch (AssertionError e) {
      collectAssertionError(startingOwnLine(e));
      return AssertFactory.unresolvedTraces(this);
    }
    return AssertFactory.softTracesAssert(traces, this, "the given spans", null);
  }
}
