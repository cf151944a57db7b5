package dev.spanproof.core;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Records every span that starts (sampled or only recorded), with the baggage of its parent
 * context, into the bucket of the session it belongs to. Only starts are seen: whether a span has
 * ended is read from the live span when asked, so the SDK skips calling {@code onEnd} altogether.
 */
final class CapturingSpanProcessor implements SpanProcessor {

  /** Owners found by {@link #ownerOfTrace}, so each trace is searched for once. */
  private final ConcurrentMap<String, CaptureSession> traceOwners = new ConcurrentHashMap<>();

  private final SpanBucket unowned;
  private final Set<CaptureSession> openSessions;
  // Bound once: a method reference written in onStart would be a new object for every span.
  private final Function<String, CaptureSession> traceOwnerLookup = this::ownerOfTrace;
  private final StartStackRecording startStacks;
  // Used with FIRST_OF_EACH_NAME_PER_HARNESS only: the one table of the harness's sessions.
  private final FirstStartStacks harnessStartStacks = new FirstStartStacks();
  private final ThreadSessions threadSessions;

  CapturingSpanProcessor(
      SpanBucket unowned,
      Set<CaptureSession> openSessions,
      StartStackRecording startStacks,
      ThreadSessions threadSessions) {
    this.unowned = unowned;
    this.openSessions = openSessions;
    this.startStacks = startStacks;
    this.threadSessions = threadSessions;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    Baggage baggage = Baggage.fromContextOrNull(parentContext);
    if (baggage != null && baggage.isEmpty()) {
      baggage = null;
    }
    CaptureSession owner = CaptureSession.attribute(parentContext, traceOwnerLookup);
    if (owner == null) {
      unowned.add(
          span,
          baggage,
          unownedStartStack(span),
          unownedStart("started outside any capture session", null));
    } else if (owner.isClosed()) {
      unowned.add(
          span,
          baggage,
          unownedStartStack(span),
          unownedStart("started after [" + owner.name() + "] was closed", owner.name()));
    } else {
      threadSessions.workingFor(owner);
      SpanBucket bucket = owner.bucket();
      bucket.add(span, baggage, startStack(span, owner), null);
    }
  }

  private StartStack startStack(ReadableSpan span, CaptureSession owner) {
    return switch (startStacks) {
      case OFF -> null;
      case FIRST_OF_EACH_NAME_PER_HARNESS -> harnessStartStacks.firstOfName(span, owner.name());
      case FIRST_OF_EACH_NAME -> owner.bucket().firstStartStackOfName(span, owner.name());
      case EVERY_SPAN -> new StartStack(span, owner.name());
    };
  }

  /**
   * A span with no session records its own stack whenever stacks are on: such spans are few, and
   * where each started is what shows how its context was lost.
   */
  private StartStack unownedStartStack(ReadableSpan span) {
    return startStacks == StartStackRecording.OFF ? null : new StartStack(span, null);
  }

  private CapturedSpan.UnownedStart unownedStart(String reason, String closedSession) {
    String threadName = Thread.currentThread().getName();
    return new CapturedSpan.UnownedStart(
        reason,
        closedSession,
        threadName,
        threadSessions.lastSessionInPoolOf(threadName).orElse(null),
        null);
  }

  /**
   * The open session holding spans of this trace. Found by looking through the sessions, then
   * remembered: only spans that arrive without their session in the context (a stubbed server
   * continuing a request, an executor that does not carry the context) pay for the search, and a
   * span that starts a trace pays nothing.
   */
  CaptureSession ownerOfTrace(String traceId) {
    CaptureSession known = traceOwners.get(traceId);
    if (known != null && !known.isClosed()) {
      return known;
    }
    for (CaptureSession session : openSessions) {
      if (!session.isClosed() && session.bucket().containsTrace(traceId)) {
        traceOwners.put(traceId, session);
        return session;
      }
    }
    return null;
  }

  void release(CaptureSession session) {
    traceOwners.values().removeIf(owner -> owner == session);
  }

  void releaseAll() {
    traceOwners.clear();
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
