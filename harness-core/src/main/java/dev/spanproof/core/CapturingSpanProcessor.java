package dev.spanproof.core;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Records every span that starts (sampled or only recorded), with the baggage of its parent
 * context, into the bucket of the session it belongs to. Only starts are seen: whether a span has ended is read from the live span when
 * asked, so the SDK skips calling {@code onEnd} altogether.
 */
final class CapturingSpanProcessor implements SpanProcessor {

  private final ConcurrentMap<String, CaptureSession> traceOwners = new ConcurrentHashMap<>();
  private final SpanBucket unowned;
  private final boolean recordStartStacks;

  CapturingSpanProcessor(SpanBucket unowned, boolean recordStartStacks) {
    this.unowned = unowned;
    this.recordStartStacks = recordStartStacks;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    Throwable startStack = recordStartStacks ? new Throwable("span started here") : null;
    Baggage baggage = Baggage.fromContextOrNull(parentContext);
    if (baggage != null && baggage.isEmpty()) {
      baggage = null;
    }
    CaptureSession owner = ownerOf(parentContext, span);
    if (owner == null) {
      unowned.add(span, baggage, startStack, null);
    } else if (owner.isClosed()) {
      unowned.add(span, baggage, startStack, "started after [" + owner.name() + "] was closed");
    } else {
      owner.bucket().add(span, baggage, startStack, null);
    }
  }

  /**
   * The parent context's session first, then the owner of the trace, then the session current on
   * this thread (which is how spans with {@code setNoParent()} are still attributed). A span that
   * starts a trace, locally or from a remote parent, makes its session the trace's owner.
   */
  private CaptureSession ownerOf(Context parentContext, ReadableSpan span) {
    SpanContext parent = Span.fromContext(parentContext).getSpanContext();
    CaptureSession owner = parentContext.get(CaptureSession.CONTEXT_KEY);
    if (owner == null && parent.isValid()) {
      owner = traceOwners.get(parent.getTraceId());
    }
    if (owner == null) {
      owner = Context.current().get(CaptureSession.CONTEXT_KEY);
    }
    if (owner != null && !owner.isClosed() && (!parent.isValid() || parent.isRemote())) {
      traceOwners.putIfAbsent(span.getSpanContext().getTraceId(), owner);
    }
    return owner;
  }

  CaptureSession ownerOfTrace(String traceId) {
    return traceOwners.get(traceId);
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
