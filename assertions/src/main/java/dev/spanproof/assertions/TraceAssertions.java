package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.SpanLimitExceededException;
import dev.spanproof.core.UnendedSpan;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.List;
import org.assertj.core.annotation.CheckReturnValue;

/**
 * The entry point to spanproof's assertions: import its methods statically.
 *
 * <pre>{@code
 * import static dev.spanproof.assertions.TraceAssertions.*;
 *
 * assertThatTrace()                                   // the current test's only trace
 *     .hasStructure(span("processOrder", span("validateInventory"), span("processPayment")))
 *     .span("processPayment").hasKind(SpanKind.CLIENT).hasStatus(StatusCode.OK);
 *
 * assertThatTrace(exporter.getFinishedSpanItems())    // spans from anywhere
 *     .hasRoot("GET /orders/{id}");
 * }</pre>
 *
 * <p>{@code assertThatTrace()}, {@code assertThatTraces()} and {@code awaitTrace()} read the spans
 * of the {@link CaptureSession} current on the calling thread, which {@code TracingExtension}
 * provides inside a test.
 */
public final class TraceAssertions {

  private TraceAssertions() {}

  /**
   * The one trace the current test captured. Fails, drawing every trace, when the test captured
   * none or several; fails saying how to set it up when no capture session is current.
   *
   * @return an assert on the trace
   */
  @CheckReturnValue
  public static TraceAssert assertThatTrace() {
    return new TraceAssert(currentTrace());
  }

  /**
   * The trace formed by {@code spans}, e.g. {@code InMemorySpanExporter.getFinishedSpanItems()}.
   * Fails, drawing every trace, when the spans are null, empty or belong to several traces.
   *
   * @param spans the spans of one trace, in any order
   * @return an assert on the trace
   */
  @CheckReturnValue
  public static TraceAssert assertThatTrace(Collection<SpanData> spans) {
    return new TraceAssert(traceOf(spans));
  }

  /**
   * An already built trace.
   *
   * @param trace the trace, may be null (every assertion then fails)
   * @return an assert on the trace
   */
  @CheckReturnValue
  public static TraceAssert assertThatTrace(Trace trace) {
    return new TraceAssert(trace);
  }

  /**
   * Every trace the current test captured, e.g. to count them.
   *
   * @return an assert on the traces
   */
  @CheckReturnValue
  public static TracesAssert assertThatTraces() {
    CaptureSession session = currentSession();
    return new TracesAssert(tracesOf(session)).describedAsSource(sourceOf(session), session);
  }

  /**
   * The traces formed by {@code spans}, grouped by trace id.
   *
   * @param spans spans of any number of traces
   * @return an assert on the traces
   */
  @CheckReturnValue
  public static TracesAssert assertThatTraces(Collection<SpanData> spans) {
    return new TracesAssert(tracesOf(spans)).describedAsSource("the given spans", null);
  }

  /**
   * An expected span and its children, for {@link AbstractTraceAssert#hasStructure(ExpectedSpan)}.
   *
   * @param name the span's name
   * @param children the expected children
   * @return the expected shape
   * @throws NullPointerException if the name, the array or a child is null
   */
  public static ExpectedSpan span(String name, ExpectedSpan... children) {
    return ExpectedSpan.of(name, children);
  }

  /**
   * Waits for the current test's asynchronous spans, then asserts: no sleeps.
   *
   * <pre>{@code
   * awaitTrace().atMost(Duration.ofSeconds(2)).untilComplete().hasSpanCount(4);
   * awaitTrace().untilSpan("sendConfirmationEmail").span("sendConfirmationEmail").hasKind(PRODUCER);
   * }</pre>
   *
   * @return a wait with a 5 second limit, polling every 10 ms
   */
  @CheckReturnValue
  public static TraceWait awaitTrace() {
    return new TraceWait(currentSession());
  }

  // ---------------------------------------------------------------------------------------------

  static CaptureSession currentSession() {
    return CaptureSession.current().orElseThrow(() -> new AssertionError(TraceMessages.NO_SESSION));
  }

  /** The session's own name, e.g. "test [OrderServiceTest.processOrder()]" from the extension. */
  static String sourceOf(CaptureSession session) {
    return session.name();
  }

  static List<Trace> tracesOf(CaptureSession session) {
    try {
      return session.traces();
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
          TraceMessages.shouldHaveCapturedASpan(sourceOf(session), NoTraceCauses.of(session)));
    }
    return single(sourceOf(session), traces, unended);
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
    // Not spans.contains(null): immutable collections throw on it.
    long nulls = spans.stream().filter(span -> span == null).count();
    if (nulls > 0) {
      throw new AssertionError(
          "Expecting spans without nulls, but "
              + spans.size()
              + " spans hold "
              + nulls
              + " null(s)");
    }
    return Trace.groupByTraceId(spans);
  }
}
