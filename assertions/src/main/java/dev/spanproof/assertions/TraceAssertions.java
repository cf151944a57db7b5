package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.sampling.SamplingRecord;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
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
    return new TraceAssert(CapturedTraces.currentTrace());
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
    return new TraceAssert(CapturedTraces.traceOf(spans));
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
    CaptureSession session = CapturedTraces.currentSession();
    return new TracesAssert(CapturedTraces.tracesOf(session))
        .describedAsSource(session.name(), session);
  }

  /**
   * The traces formed by {@code spans}, grouped by trace id.
   *
   * @param spans spans of any number of traces
   * @return an assert on the traces
   */
  @CheckReturnValue
  public static TracesAssert assertThatTraces(Collection<SpanData> spans) {
    return new TracesAssert(CapturedTraces.tracesOf(spans))
        .describedAsSource("the given spans", null);
  }

  /**
   * Every head-sampling decision the current test's sampler made, dropped spans included, in order:
   * "processOrder was dropped", "every child followed its parent".
   *
   * <pre>{@code
   * assertThatSamplingDecisions().spanWasDropped("healthCheck").everyChildFollowedItsParent();
   * }</pre>
   *
   * @return an assert on the decisions
   */
  @CheckReturnValue
  public static SamplingDecisionsAssert assertThatSamplingDecisions() {
    CaptureSession session = CapturedTraces.currentSession();
    return new SamplingDecisionsAssert(CapturedTraces.samplingDecisionsOf(session))
        .describedAsSource(session.name());
  }

  /**
   * Decisions from anywhere, e.g. {@code TracingHarness.samplingDecisions()}, all of a harness's.
   *
   * @param decisions the decisions, in the order they were made
   * @return an assert on the decisions
   * @throws NullPointerException if {@code decisions} is null or holds null
   */
  @CheckReturnValue
  public static SamplingDecisionsAssert assertThatSamplingDecisions(
      Collection<SamplingRecord> decisions) {
    String method = "assertThatSamplingDecisions(Collection<SamplingRecord> decisions)";
    Arguments.requireNonNull(decisions, method, "decisions");
    if (decisions.stream().anyMatch(Objects::isNull)) {
      throw new NullPointerException(method + ": decisions must not contain null");
    }
    return new SamplingDecisionsAssert(List.copyOf(decisions));
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
    return new TraceWait(CapturedTraces.currentSession());
  }
}
