package dev.spanproof.core;

import dev.spanproof.core.internal.SpanDataWithBaggage;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The spans captured for one owner. Appending is lock-free and spread over a few stacks chosen by
 * thread, so threads of one test do not contend on a single head or counter; spans stay live {@link
 * ReadableSpan}s until read, so the hot path never copies span data. Readers merge the stripes back
 * into start order.
 */
final class SpanBucket {

  /** A power of two; more than the cores a test machine usually gives one test. */
  private static final int STRIPES = 8;

  private final String ownerDescription;
  private final int maxSpans;
  private final Stripe[] stripes = new Stripe[STRIPES];
  private final LongAdder rejected = new LongAdder();

  /** The start stack of the first span of each name, for {@link #firstStartStackOfName}. */
  private final ConcurrentMap<String, StartStack> firstStartStacks = new ConcurrentHashMap<>();

  SpanBucket(String ownerDescription, int maxSpans) {
    this.ownerDescription = ownerDescription;
    this.maxSpans = maxSpans;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
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
    Stripe stripe = stripes[(int) Thread.currentThread().getId() & (STRIPES - 1)];
    CapturedSpan captured = null;
    while (true) {
      CapturedSpan previous = stripe.newest;
      if (startedSpanCount() >= maxSpans) {
        rejected.increment();
        return false;
      }
      if (captured == null) {
        captured = new CapturedSpan(span, baggage, startStack, unownedStart);
      }
      captured.previous = previous;
      captured.countInStripe = previous == null ? 1 : previous.countInStripe + 1;
      if (Stripe.NEWEST.compareAndSet(stripe, previous, captured)) {
        return true;
      }
    }
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
    for (Stripe stripe : stripes) {
      for (CapturedSpan captured : stripe.inStartOrder()) {
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
    for (Stripe stripe : stripes) {
      all.addAll(stripe.inStartOrder());
    }
    return all;
  }

  /** Whether any captured span belongs to this trace. */
  boolean containsTrace(String traceId) {
    for (Stripe stripe : stripes) {
      for (CapturedSpan captured = stripe.newest; captured != null; captured = captured.previous) {
        if (captured.span().getSpanContext().getTraceId().equals(traceId)) {
          return true;
        }
      }
    }
    return false;
  }

  List<UnendedSpan> unendedSpans() {
    List<UnendedSpan> unended = new ArrayList<>();
    for (Stripe stripe : stripes) {
      for (CapturedSpan captured : stripe.inStartOrder()) {
        if (!captured.span().hasEnded()) {
          unended.add(new UnendedSpan(captured.span(), captured.startStack()));
        }
      }
    }
    return unended;
  }

  /** The spans kept: the sum of the stripes' counts, each read from its newest span. */
  int startedSpanCount() {
    int count = 0;
    for (Stripe stripe : stripes) {
      CapturedSpan newest = stripe.newest;
      if (newest != null) {
        count += newest.countInStripe;
      }
    }
    return count;
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
    for (Stripe stripe : stripes) {
      stripe.newest = null;
    }
    firstStartStacks.clear();
    rejected.reset();
  }

  /**
   * A lock-free stack of the spans its threads started, newest first: adding is one
   * compare-and-set, and each span carries the stripe's count up to it, so the limit needs no
   * counter of its own.
   */
  private static final class Stripe {

    static final VarHandle NEWEST;

    static {
      try {
        NEWEST = MethodHandles.lookup().findVarHandle(Stripe.class, "newest", CapturedSpan.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    // Added to through NEWEST only; cleared by a plain write.
    volatile CapturedSpan newest;

    /** The stripe's spans, oldest first. */
    List<CapturedSpan> inStartOrder() {
      CapturedSpan last = newest;
      List<CapturedSpan> spans = new ArrayList<>(last == null ? 0 : last.countInStripe);
      for (CapturedSpan captured = last; captured != null; captured = captured.previous) {
        spans.add(captured);
      }
      Collections.reverse(spans);
      return spans;
    }
  }
}
