package dev.spanproof.assertions;

import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.List;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.util.CheckReturnValue;

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
      return softTrace(TraceAssertions.currentTrace());
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
      return softTrace(TraceAssertions.traceOf(spans));
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

  private TraceAssert softTrace(Trace trace) {
    return TraceAssertions.traceAssert(trace, this, Layout.KEY_ATTRIBUTES);
  }

  private TraceAssert unresolvedTrace(AssertionError error) {
    collectAssertionError(error);
    TraceAssert assertion = proxy(TraceAssert.class, Trace.class, null);
    assertion.attachSoftly(this, true);
    return assertion;
  }

  /**
   * Soft {@link TraceAssertions#assertThatTraces(Collection)}.
   *
   * @param spans spans of any number of traces
   * @return a soft assert on the traces
   */
  @CheckReturnValue
  default TracesAssert assertThatTraces(Collection<SpanData> spans) {
    return proxy(TracesAssert.class, List.class, spans == null ? null : Trace.groupByTraceId(spans))
        .describedAsSource("the given spans", null);
  }
}
