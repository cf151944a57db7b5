package dev.spanproof.core;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * A span as the capture processor saw it start: the live span (converted to {@code SpanData} only
 * when asked for), the baggage of its parent context (null when empty), its start stack (its own,
 * or that of the first span of its name; null when not recorded), and, for a span with no session,
 * why not. It is also a link of its {@link SpanBucket}'s stack, so that keeping a span allocates
 * one object.
 */
final class CapturedSpan extends CountedStack.Node<CapturedSpan> {

  private final ReadableSpan span;
  private final Baggage baggage;
  private final StartStack startStack;
  private final UnownedStart unownedStart;

  CapturedSpan(
      ReadableSpan span, Baggage baggage, StartStack startStack, UnownedStart unownedStart) {
    this.span = span;
    this.baggage = baggage;
    this.startStack = startStack;
    this.unownedStart = unownedStart;
  }

  ReadableSpan span() {
    return span;
  }

  Baggage baggage() {
    return baggage;
  }

  StartStack startStack() {
    return startStack;
  }

  UnownedStart unownedStart() {
    return unownedStart;
  }

  /**
   * How a span with no session started: why it has none, the closed session it carried (null if
   * none), on which thread, the session last seen on that thread's pool (null if none), and the
   * service that sent it over OTLP (null for a span of this JVM).
   */
  record UnownedStart(
      String reason,
      String closedSession,
      String threadName,
      String likelyTest,
      String sendingService) {}
}
