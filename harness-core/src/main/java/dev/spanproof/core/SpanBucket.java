package dev.spanproof.core;

import dev.spanproof.core.internal.SpanDataWithBaggage;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Predicate;

/**
 * The spans captured for one owner. Appending is lock-free: one stack while a single thread at a
 * time adds, and, once two threads contend for it, a few more stacks chosen by thread, so threads
 * of one test do not keep contending on a single head. A test's few spans therefore cost one stack,
 * not a set of them. Spans stay live {@link ReadableSpan}s until read, so the hot path never copies
 * span data; readers merge the stacks back into start order.
 */
final class SpanBucket {

  /** A power of two; more than the cores a test machine usually gives one test. */
  private static final int STRIPES = 8;

  private static final VarHandle STRIPES_HANDLE;

  static {
    try {
      STRIPES_HANDLE =
          MethodHandles.lookup().findVarHandle(SpanBucket.class, "stripes", List.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Counted in a field rather than a LongAdder: a session is made per test, and this rarely counts.
  private static final AtomicLongFieldUpdater<SpanBucket> REJECTED =
      AtomicLongFieldUpdater.newUpdater(SpanBucket.class, "rejected");

  private final String ownerDescription;
  private final int maxSpans;
  private final CountedStack<CapturedSpan> first = new CountedStack<>();
  // Null until two threads contend for the first stack; set once, through STRIPES_HANDLE.
  private volatile List<CountedStack<CapturedSpan>> stripes;
  private volatile long rejected;
  // Made on the first span that records a stack, when stacks are recorded per session.
  private volatile FirstStartStacks firstStartStacks;

  SpanBucket(String ownerDescription, int maxSpans) {
    this.ownerDescription = ownerDescription;
    this.maxSpans = maxSpans;
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
    CapturedSpan captured = null;
    List<CountedStack<CapturedSpan>> striped = stripes;
    CountedStack<CapturedSpan> stack =
        striped == null ? first : striped.get((int) Thread.currentThread().getId() & (STRIPES - 1));
    while (true) {
      CapturedSpan newest = stack.newest();
      if (startedSpanCount() >= maxSpans) {
        REJECTED.incrementAndGet(this);
        return false;
      }
      if (captured == null) {
        captured = new CapturedSpan(span, baggage, startStack, unownedStart);
      }
      if (stack.tryPush(newest, captured)) {
        return true;
      }
      if (stack == first) {
        stack = stripes().get((int) Thread.currentThread().getId() & (STRIPES - 1));
      }
    }
  }

  /** The stripes, made now if this is the first contention. */
  private List<CountedStack<CapturedSpan>> stripes() {
    List<CountedStack<CapturedSpan>> striped = stripes;
    if (striped == null) {
      List<CountedStack<CapturedSpan>> made = new ArrayList<>(STRIPES);
      for (int i = 0; i < STRIPES; i++) {
        made.add(new CountedStack<>());
      }
      striped = STRIPES_HANDLE.compareAndSet(this, null, made) ? made : stripes;
    }
    return striped;
  }

  /**
   * The start stack of the first span named as {@code span} is in this bucket, taken now if {@code
   * span} is that first one. After the first, a span of the name costs a map lookup instead of a
   * stack walk.
   */
  StartStack firstStartStackOfName(ReadableSpan span, String sessionName) {
    FirstStartStacks table = firstStartStacks;
    if (table == null) {
      synchronized (this) {
        table = firstStartStacks;
        if (table == null) {
          table = new FirstStartStacks();
          firstStartStacks = table;
        }
      }
    }
    return table.firstOfName(span, sessionName);
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
    for (CapturedSpan captured : captured()) {
      if (captured.span().hasEnded()) {
        finished.add(
            SpanDataWithBaggage.of(
                captured.span().toSpanData(),
                captured.baggage() == null ? Baggage.empty() : captured.baggage()));
      }
    }
    // Threads take their start time before adding, so a stack shared by threads is in start order
    // only nearly: TimSort puts the few swapped neighbours, and merges the stripes, in about one
    // pass.
    finished.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    return finished;
  }

  /** Every captured span, stack by stack, each stack oldest first. */
  List<CapturedSpan> captured() {
    List<CapturedSpan> all = first.oldestFirst();
    List<CountedStack<CapturedSpan>> striped = stripes;
    if (striped != null) {
      all = new ArrayList<>(all);
      for (CountedStack<CapturedSpan> stripe : striped) {
        all.addAll(stripe.oldestFirst());
      }
    }
    return all;
  }

  /** Whether any captured span belongs to this trace. */
  boolean containsTrace(String traceId) {
    return anyCaptured(captured -> inTrace(captured, traceId));
  }

  private boolean anyCaptured(Predicate<CapturedSpan> test) {
    if (first.anyMatch(test)) {
      return true;
    }
    List<CountedStack<CapturedSpan>> striped = stripes;
    if (striped != null) {
      for (CountedStack<CapturedSpan> stripe : striped) {
        if (stripe.anyMatch(test)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean unended(CapturedSpan captured) {
    return !captured.span().hasEnded();
  }

  private static boolean inTrace(CapturedSpan captured, String traceId) {
    return captured.span().getSpanContext().getTraceId().equals(traceId);
  }

  /** The spans not ended yet, of the session named {@code sessionName} (null for no session). */
  List<UnendedSpan> unendedSpans(String sessionName) {
    if (!anyCaptured(SpanBucket::unended)) {
      // The usual answer, checked after every test: found without a list.
      return List.of();
    }
    List<UnendedSpan> unended = new ArrayList<>();
    for (CapturedSpan captured : captured()) {
      if (!captured.span().hasEnded()) {
        unended.add(new UnendedSpan(captured.span(), captured.startStack(), sessionName));
      }
    }
    return unended;
  }

  /** The spans kept: the sum of the stacks' counts, each read from its newest span. */
  int startedSpanCount() {
    int count = first.count();
    List<CountedStack<CapturedSpan>> striped = stripes;
    if (striped != null) {
      for (CountedStack<CapturedSpan> stripe : striped) {
        count += stripe.count();
      }
    }
    return count;
  }

  int rejectedSpanCount() {
    return CountedStack.saturated(rejected);
  }

  void requireWithinLimit() {
    int dropped = CountedStack.saturated(rejected);
    if (dropped > 0) {
      throw new SpanLimitExceededException(ownerDescription, maxSpans, dropped);
    }
  }

  void clear() {
    first.clear();
    List<CountedStack<CapturedSpan>> striped = stripes;
    if (striped != null) {
      for (CountedStack<CapturedSpan> stripe : striped) {
        stripe.clear();
      }
    }
    FirstStartStacks table = firstStartStacks;
    if (table != null) {
      table.clear();
    }
    rejected = 0;
  }
}
