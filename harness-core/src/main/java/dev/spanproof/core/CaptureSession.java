package dev.spanproof.core;

import dev.spanproof.core.sampling.SamplingRecord;
import dev.spanproof.core.trace.Trace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The spans of one unit of work, typically one test, inside a shared {@link TracingHarness}.
 *
 * <p>A span belongs to a session when its parent context carries the session (it is stored in the
 * {@link Context}, so it travels with {@code Context.taskWrapping} executors), when the session
 * already holds spans of its trace (a span continuing a propagated context), or when the session is
 * current on the thread that starts it. Spans started after the session is closed, or with no
 * session anywhere, land in the harness's {@link TracingHarness#unownedSpans() unowned spans},
 * never nowhere.
 *
 * <pre>{@code
 * try (CaptureSession session = harness.openSession("order flow");
 *     Scope scope = session.makeCurrent()) {
 *   orderService.processOrder(order);
 *   List<Trace> traces = session.traces();
 * }
 * }</pre>
 */
public final class CaptureSession implements ImplicitContextKeyed, AutoCloseable {

  static final ContextKey<CaptureSession> CONTEXT_KEY =
      ContextKey.named("spanproof-capture-session");

  private final TracingHarness harness;
  private final String name;
  private final SpanBucket bucket;
  private final SamplingLog samplingLog;
  // Made when an assertion first marks a span: most tests never use strict assertions.
  private volatile Set<String> assertedSpans;
  private volatile boolean closed;

  CaptureSession(TracingHarness harness, String name, int maxSpans) {
    this.harness = harness;
    this.name = name;
    String description = "[" + name + "]";
    this.bucket = new SpanBucket(description, maxSpans);
    this.samplingLog = new SamplingLog(description, maxSpans);
  }

  /** The session stored in the current context, if any: the current test's, inside a test. */
  public static Optional<CaptureSession> current() {
    return Optional.ofNullable(Context.current().get(CONTEXT_KEY));
  }

  /**
   * The session stored in {@code context}, if any.
   *
   * @throws IllegalArgumentException if {@code context} is null
   */
  public static Optional<CaptureSession> fromContext(Context context) {
    if (context == null) {
      throw new IllegalArgumentException("context must not be null");
    }
    return Optional.ofNullable(context.get(CONTEXT_KEY));
  }

  /**
   * The one attribution rule, shared by the capture processor and the global router: the session in
   * {@code parentContext}, else the session holding spans of the parent's trace (as {@code
   * ownerOfTrace} finds it), else the session current on this thread; null if none.
   */
  static CaptureSession attribute(
      Context parentContext, Function<String, CaptureSession> ownerOfTrace) {
    CaptureSession owner = parentContext.get(CONTEXT_KEY);
    if (owner == null) {
      SpanContext parent = Span.fromContext(parentContext).getSpanContext();
      if (parent.isValid()) {
        owner = ownerOfTrace.apply(parent.getTraceId());
      }
      if (owner == null) {
        owner = Context.current().get(CONTEXT_KEY);
      }
    }
    return owner;
  }

  /** The session's name, used in every message about its spans. */
  public String name() {
    return name;
  }

  /** The harness that captures this session's spans. */
  public TracingHarness harness() {
    return harness;
  }

  @Override
  public Context storeInContext(Context context) {
    return context.with(CONTEXT_KEY, this);
  }

  /**
   * Makes the session current on this thread until the scope is closed. The harness remembers the
   * thread, so that a span later started without a session on a thread of the same pool can name
   * this session as the one that most likely lost it ({@link UnownedSpan#likelyTest()}).
   */
  @Override
  // The scope goes to the caller, who closes it, as ImplicitContextKeyed.makeCurrent asks.
  @SuppressWarnings("MustBeClosedChecker")
  public Scope makeCurrent() {
    harness.threadSessions().workingFor(this);
    return Context.current().with(this).makeCurrent();
  }

  /**
   * The session's ended spans, in start order.
   *
   * @throws SpanLimitExceededException if the session started more spans than its limit
   */
  public List<SpanData> finishedSpans() {
    return bucket.finishedSpans();
  }

  /**
   * The session's ended spans as trace trees, ordered by start.
   *
   * @throws SpanLimitExceededException if the session started more spans than its limit
   */
  public List<Trace> traces() {
    return Trace.groupByTraceId(finishedSpans());
  }

  /** Spans the session started that have not ended (yet). */
  public List<UnendedSpan> unendedSpans() {
    return bucket.unendedSpans(name);
  }

  /** How many spans the session has started, ended or not, within its limit. */
  public int startedSpanCount() {
    return bucket.startedSpanCount();
  }

  /**
   * How many spans were not kept because the session already held {@link
   * TracingHarness#maxSpans()}: a memory guard, nothing to do with sampling (see {@link
   * #spansDroppedBySampler()} for that).
   */
  public int spansBeyondLimit() {
    return bucket.rejectedSpanCount();
  }

  /**
   * How many spans the sampler dropped that this session would have owned (their parent context
   * carried it, the session held spans of their trace, or it was current on their thread). Dropped
   * spans are not recorded, so a session that holds none of the spans its code started, with a
   * count here, was sampled away: see {@link #samplingDecisions()}. Counted also past the limit.
   */
  public int spansDroppedBySampler() {
    return samplingLog.droppedCount();
  }

  /**
   * Every head-sampling decision made for a span of this session, dropped spans included, in the
   * order the sampler was asked. A span belongs to the session by the same rule as its captured
   * spans.
   *
   * @throws SpanLimitExceededException if the session's code started more spans than its limit, so
   *     that decisions past it were not kept
   */
  public List<SamplingRecord> samplingDecisions() {
    return samplingLog.records();
  }

  /**
   * Checks that no span was turned away by the session's limit.
   *
   * @throws SpanLimitExceededException if the session started more spans than its limit
   */
  public void requireWithinLimit() {
    bucket.requireWithinLimit();
  }

  /**
   * Records that an assertion touched {@code span}: it selected the span, by name or by navigating
   * to it, or checked it. spanproof's assertions mark every span they touch in the session current
   * when the assert was created; other assertion code may mark spans too. Marking a span the
   * session does not hold is harmless.
   *
   * @param span the span an assertion touched
   * @throws IllegalArgumentException if {@code span} is null
   */
  public void markAsserted(SpanData span) {
    if (span == null) {
      throw new IllegalArgumentException("span must not be null");
    }
    Set<String> marked = assertedSpans;
    if (marked == null) {
      synchronized (this) {
        marked = assertedSpans;
        if (marked == null) {
          marked = ConcurrentHashMap.newKeySet();
          assertedSpans = marked;
        }
      }
    }
    marked.add(key(span));
  }

  /**
   * The session's ended spans that no assertion {@linkplain #markAsserted(SpanData) touched}, in
   * start order: spans the test produced and never looked at. The JUnit extension's strict
   * assertion mode reports them after each test.
   *
   * @throws SpanLimitExceededException if the session started more spans than its limit
   */
  public List<SpanData> unassertedSpans() {
    Set<String> marked = assertedSpans;
    if (marked == null) {
      return finishedSpans();
    }
    return finishedSpans().stream().filter(span -> !marked.contains(key(span))).toList();
  }

  /** Span ids are unique only within a trace. */
  private static String key(SpanData span) {
    return span.getTraceId() + span.getSpanId();
  }

  /**
   * Forgets every span captured, every sampling decision recorded and every span marked as asserted
   * so far; the session stays open.
   */
  public void reset() {
    bucket.clear();
    samplingLog.clear();
    Set<String> marked = assertedSpans;
    if (marked != null) {
      marked.clear();
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Stops capturing for this session: its traces are no longer claimed, and spans that still carry
   * it start in the harness's unowned spans, marked as late. Captured spans stay readable.
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      harness.sessionClosed(this);
    }
  }

  SpanBucket bucket() {
    return bucket;
  }

  SamplingLog samplingLog() {
    return samplingLog;
  }

  @Override
  public String toString() {
    return "CaptureSession[" + name + (closed ? ", closed]" : "]");
  }
}
