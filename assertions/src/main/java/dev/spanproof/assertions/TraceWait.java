package dev.spanproof.assertions;

import static dev.spanproof.assertions.Arguments.requireNonNull;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.UnendedSpan;
import dev.spanproof.core.trace.SpanNode;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A bounded wait for the spans of asynchronous work, after which the trace is asserted; obtain it
 * with {@link TraceAssertions#awaitTrace()}. Polls the capture session (Awaitility underneath), so
 * the test never sleeps longer than needed. Not thread-safe; use it in one chain.
 */
public final class TraceWait {

  private final CaptureSession session;
  private Duration timeout = Duration.ofSeconds(5);
  private Duration pollInterval = Duration.ofMillis(10);

  TraceWait(CaptureSession session) {
    this.session = session;
  }

  /**
   * How long to wait at most. Default: 5 seconds.
   *
   * @param limit a positive duration
   * @return this wait
   * @throws NullPointerException if {@code limit} is null
   * @throws IllegalArgumentException if {@code limit} is zero or negative
   */
  public TraceWait atMost(Duration limit) {
    requireNonNull(limit, "atMost(Duration limit)", "limit");
    if (limit.isZero() || limit.isNegative()) {
      throw new IllegalArgumentException(
          "atMost(Duration) needs a positive duration, but got " + limit);
    }
    this.timeout = limit;
    return this;
  }

  /**
   * How often to look. Default: every 10 ms.
   *
   * @param interval a positive duration
   * @return this wait
   * @throws NullPointerException if {@code interval} is null
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   */
  public TraceWait pollInterval(Duration interval) {
    requireNonNull(interval, "pollInterval(Duration interval)", "interval");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException(
          "pollInterval(Duration) needs a positive duration, but got " + interval);
    }
    this.pollInterval = interval;
    return this;
  }

  /**
   * Waits until the test's trace is complete: at least one span ended, none is still running, and
   * no new span started since the previous look. Then asserts on its single trace.
   *
   * <p>It sees only spans that have started: work handed to another thread that has not begun yet
   * is invisible to it. When you know which span comes last, {@link #untilSpan(String)} waits for
   * it exactly.
   *
   * @return an assert on the trace
   * @throws AssertionError when the limit passes first, drawing what was captured and listing the
   *     spans still running
   */
  public TraceAssert untilComplete() {
    int[] lastStarted = {-1};
    try {
      poll()
          .until(
              () -> {
                int started = session.startedSpanCount();
                boolean stable = started == lastStarted[0];
                lastStarted[0] = started;
                return stable && started > 0 && session.unendedSpans().isEmpty();
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(timedOut("to complete (every started span ended)", ""), e);
    }
    return new TraceAssert(
        CapturedTraces.single(session.name(), CapturedTraces.tracesOf(session), List.of()));
  }

  /**
   * Waits until a span named {@code name} has ended, then asserts on the trace that holds it.
   *
   * <p>Spans that other processes export to the harness's OTLP receiver arrive some time after the
   * call that caused them returned; this waits for them as for spans of other threads. When the
   * test's CLIENT span has the same name as the other service's SERVER span, wait with {@link
   * #untilSpan(String, SpanKind)}.
   *
   * @param name the span to wait for
   * @return an assert on the trace holding that span
   * @throws AssertionError when the limit passes first, listing the closest span names
   * @throws NullPointerException if {@code name} is null
   */
  public TraceAssert untilSpan(String name) {
    requireNonNull(name, "untilSpan(String name)", "name");
    return awaitSpan(
        span -> span.getName().equals(name),
        "a span named \"" + name + "\"",
        name,
        () -> nearMisses(name));
  }

  /**
   * Waits until a span named {@code name} of the given kind has ended, then asserts on the trace
   * that holds it. For a call to another process whose CLIENT and SERVER spans share a name, such
   * as {@code GET /inventory}: {@code untilSpan("GET /inventory", SERVER)} waits for the server's
   * span, which its exporter sends after the call returned.
   *
   * @param name the span to wait for
   * @param kind its kind
   * @return an assert on the trace holding that span
   * @throws AssertionError when the limit passes first, listing the closest span names
   * @throws NullPointerException if {@code name} or {@code kind} is null
   */
  public TraceAssert untilSpan(String name, SpanKind kind) {
    requireNonNull(name, "untilSpan(String name, SpanKind kind)", "name");
    requireNonNull(kind, "untilSpan(String name, SpanKind kind)", "kind");
    return awaitSpan(
        span -> span.getName().equals(name) && span.getKind() == kind,
        "a " + kind + " span named \"" + name + "\"",
        name,
        () -> kindsNamed(name));
  }

  private TraceAssert awaitSpan(
      Predicate<SpanData> wanted, String description, String name, Supplier<String> hint) {
    try {
      poll().until(() -> session.finishedSpans().stream().anyMatch(wanted));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(timedOut("to end " + description, hint.get()), e);
    }
    for (Trace trace : CapturedTraces.tracesOf(session)) {
      if (trace.spansNamed(name).stream().map(SpanNode::span).anyMatch(wanted)) {
        return new TraceAssert(trace);
      }
    }
    throw new IllegalStateException(description + " was seen and then lost");
  }

  private org.awaitility.core.ConditionFactory poll() {
    return Awaitility.await("spans of " + session.name())
        .atMost(timeout)
        .pollDelay(Duration.ZERO)
        .pollInterval(pollInterval)
        .pollInSameThread();
  }

  private String nearMisses(String name) {
    List<Trace> traces = CapturedTraces.tracesOf(session);
    List<SpanNode> near =
        traces.stream().flatMap(trace -> NearMisses.closestTo(name, trace).stream()).toList();
    return near.isEmpty()
        ? ""
        : "\nClosest ended spans: "
            + Layout.names(near.subList(0, Math.min(NearMisses.MAX, near.size())));
  }

  /** The kinds of the ended spans of that name, or the closest names when there is none. */
  private String kindsNamed(String name) {
    List<SpanKind> kinds =
        session.finishedSpans().stream()
            .filter(span -> span.getName().equals(name))
            .map(SpanData::getKind)
            .toList();
    return kinds.isEmpty()
        ? nearMisses(name)
        : "\nEnded spans named \"" + name + "\" are of kind " + kinds;
  }

  private String timedOut(String what, String hint) {
    List<UnendedSpan> unended = session.unendedSpans();
    StringBuilder out =
        new StringBuilder(
            "Expecting "
                + session.name()
                + " "
                + what
                + " within "
                + Durations.format(timeout)
                + ", but it did not."
                + hint);
    if (!unended.isEmpty()) {
      out.append("\nStill running:\n")
          .append(
              unended.stream()
                  .map(u -> Layout.indent(u.describe()))
                  .collect(Collectors.joining("\n")));
    }
    if (session.startedSpanCount() == 0) {
      out.append("\nNot a single span was captured. ").append(NoTraceCauses.of(session));
    } else {
      out.append("\nCaptured so far:\n")
          .append(Layout.defaultRenderer().render(CapturedTraces.tracesOf(session)));
    }
    return out.toString();
  }
}
