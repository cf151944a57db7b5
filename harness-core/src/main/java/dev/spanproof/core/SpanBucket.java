package dev.spanproof.core;

import dev.spanproof.core.internal.SpanDataWithBaggage;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The spans captured for one owner. Appending is lock-free and spread over a few queues chosen by
 * thread, so threads of one test do not contend on a single queue tail or counter; spans stay live
 * {@link ReadableSpan}s until read, so the hot path never copies span data. Readers merge the
 * queues back into start order.
 */
final class SpanBucket {

  /** A power of two; more than the cores a test machine usually gives one test. */
  private static final int STRIPES = 8;

  private final String ownerDescription;
  private final int maxSpans;
  private final List<ConcurrentLinkedQueue<CapturedSpan>> stripes = new ArrayList<>(STRIPES);
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  /** The start stack of the first span of each name, for {@link #firstStartStackOfName}. */
  private final ConcurrentMap<String, StartStack> firstStartStacks = new ConcurrentHashMap<>();

  SpanBucket(String ownerDescription, int maxSpans) {
    this.ownerDescription = ownerDescription;
    this.maxSpans = maxSpans;
    for (int i = 0; i < STRIPES; i++) {
      stripes.add(new ConcurrentLinkedQueue<>());
    }
  }

  /**
   * Keeps the span unless the limit is reached. Threads racing at the limit may each keep one more
   * span: the limit guards memory, it is not a count to assert on.
   *
   * @return whether the span was kept
   */
  boolean add(
      ReadableSpan span,
      Baggage baggage,
      StartStack startStack,
      CapturedSpan.UnownedStart unownedStart) {
    if (accepted.sum() >= maxSpans) {
      rejected.increment();
      return false;
    }
    accepted.increment();
    stripes
        .get((int) Thread.currentThread().getId() & (STRIPES - 1))
        .add(new CapturedSpan(span, baggage, startStack, unownedStart));
    return true;
  }

  /**
   * The start stack of the first span named as {@code span} is, taken now if {@code span} is that
   * first one. After the first, a span of the name costs a map lookup instead of a stack walk.
   */
  StartStack firstStartStackOfName(ReadableSpan span) {
    String name = span.getName();
    StartStack first = firstStartStacks.get(name);
    if (first != null) {
      return first;
    }
    // Not computeIfAbsent: the stack would hold the map's bin lock while it is walked.
    StartStack own = new StartStack(span);
    first = firstStartStacks.putIfAbsent(name, own);
    return first == null ? own : first;
  }

  /** Who this bucket holds spans for, as messages name it. */
  String ownerDescription() {
    return ownerDescription;
  }

  int maxSpans() {
    return maxSpans;
  }

  /** The ended spans, in start order, each with the baggage it started with. */
  List<SpanData> finishedSpans() {
    requireWithinLimit();
    List<SpanData> finished = new ArrayList<>();
    for (ConcurrentLinkedQueue<CapturedSpan> stripe : stripes) {
      for (CapturedSpan captured : stripe) {
        if (captured.span().hasEnded()) {
          finished.add(
              SpanDataWithBaggage.of(
                  captured.span().toSpanData(),
                  captured.baggage() == null ? Baggage.empty() : captured.baggage()));
        }
      }
    }
    // Each stripe is already in start order, so this is a cheap merge for TimSort.
    finished.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    return finished;
  }

  /** Every captured span, stripe by stripe. */
  List<CapturedSpan> captured() {
    List<CapturedSpan> all = new ArrayList<>();
    stripes.forEach(all::addAll);
    return all;
  }

  /** Whether any captured span belongs to this trace. */
  boolean containsTrace(String traceId) {
    for (ConcurrentLinkedQueue<CapturedSpan> stripe : stripes) {
      for (CapturedSpan captured : stripe) {
        if (captured.span().getSpanContext().getTraceId().equals(traceId)) {
          return true;
        }
      }
    }
    return false;
  }

  List<UnendedSpan> unendedSpans() {
    List<UnendedSpan> unended = new ArrayList<>();
    for (ConcurrentLinkedQueue<CapturedSpan> stripe : stripes) {
      for (CapturedSpan captured : stripe) {
        if (!captured.span().hasEnded()) {
          unended.add(new UnendedSpan(captured.span(), captured.startStack()));
        }
      }
    }
    return unended;
  }

  int startedSpanCount() {
    return accepted.intValue();
  }

  int rejectedSpanCount() {
    return rejected.intValue();
  }

  void requireWithinLimit() {
    int dropped = rejected.intValue();
    if (dropped > 0) {
      throw new SpanLimitExceededException(ownerDescription, maxSpans, dropped);
    }
  }

  void clear() {
    stripes.forEach(ConcurrentLinkedQueue::clear);
    firstStartStacks.clear();
    accepted.reset();
    rejected.reset();
  }
}
