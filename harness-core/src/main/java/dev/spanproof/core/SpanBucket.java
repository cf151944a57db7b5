package dev.spanproof.core;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The spans captured for one owner, in start order. Appending is lock-free; spans stay live
 * {@link ReadableSpan}s until read, so the hot path never copies span data.
 */
final class SpanBucket {

  private final String ownerDescription;
  private final int maxSpans;
  private final ConcurrentLinkedQueue<CapturedSpan> spans = new ConcurrentLinkedQueue<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();

  SpanBucket(String ownerDescription, int maxSpans) {
    this.ownerDescription = ownerDescription;
    this.maxSpans = maxSpans;
  }

  void add(ReadableSpan span, Baggage baggage, Throwable startStack, String note) {
    if (accepted.incrementAndGet() > maxSpans) {
      accepted.decrementAndGet();
      rejected.incrementAndGet();
      return;
    }
    spans.add(new CapturedSpan(span, baggage, startStack, note));
  }

  /** The baggage in effect where the span started; empty if the span is not in this bucket. */
  Optional<Baggage> baggageAtStart(SpanContext spanContext) {
    for (CapturedSpan captured : spans) {
      if (captured.span().getSpanContext().equals(spanContext)) {
        return Optional.of(captured.baggage() == null ? Baggage.empty() : captured.baggage());
      }
    }
    return Optional.empty();
  }

  /** The ended spans, in start order. */
  List<SpanData> finishedSpans() {
    requireWithinLimit();
    List<SpanData> finished = new ArrayList<>();
    for (CapturedSpan captured : spans) {
      if (captured.span().hasEnded()) {
        finished.add(captured.span().toSpanData());
      }
    }
    return finished;
  }

  List<CapturedSpan> captured() {
    return new ArrayList<>(spans);
  }

  List<UnendedSpan> unendedSpans() {
    List<UnendedSpan> unended = new ArrayList<>();
    for (CapturedSpan captured : spans) {
      if (!captured.span().hasEnded()) {
        unended.add(new UnendedSpan(captured.span(), captured.startStack()));
      }
    }
    return unended;
  }

  int startedSpanCount() {
    return accepted.get();
  }

  int rejectedSpanCount() {
    return rejected.get();
  }

  void requireWithinLimit() {
    int dropped = rejected.get();
    if (dropped > 0) {
      throw new SpanLimitExceededException(ownerDescription, maxSpans, dropped);
    }
  }

  void clear() {
    spans.clear();
    accepted.set(0);
    rejected.set(0);
  }
}
