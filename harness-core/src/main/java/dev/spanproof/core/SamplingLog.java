package dev.spanproof.core;

import dev.spanproof.core.sampling.SamplingRecord;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * The head-sampling decisions of one owner (a session, or the spans outside any), bounded like its
 * spans: past the limit decisions are only counted, and reading them then fails. Each decision
 * carries the harness-wide sequence number it was made with, so the harness can merge the logs of
 * all owners back into the order the sampler was asked in.
 *
 * <p>Adding is one allocation and one compare-and-set: each entry is a link of a {@link
 * CountedStack}, which counts the entries up to it, so the limit needs no counter of its own; it
 * holds the sampler's arguments and answer as given, the {@link SamplingRecord} being built on
 * read.
 */
final class SamplingLog {

  /**
   * A decision and its place in the harness's order. The sampler's result is kept as returned and
   * read when the record is built: samplers return immutable results (the SDK's do), so reading
   * them later gives what the SDK read.
   */
  static final class Entry extends CountedStack.Node<Entry> {
    private final long sequence;
    private final String spanName;
    private final SpanKind spanKind;
    private final String traceId;
    private final SpanContext parentSpanContext;
    private final SamplingResult result;
    private final String samplerDescription;

    private Entry(
        long sequence,
        String spanName,
        SpanKind spanKind,
        String traceId,
        SpanContext parentSpanContext,
        SamplingResult result,
        String samplerDescription) {
      this.sequence = sequence;
      this.spanName = spanName;
      this.spanKind = spanKind;
      this.traceId = traceId;
      this.parentSpanContext = parentSpanContext;
      this.result = result;
      this.samplerDescription = samplerDescription;
    }

    long sequence() {
      return sequence;
    }

    SamplingRecord record() {
      return SamplingRecord.of(
          spanName, spanKind, traceId, parentSpanContext, result, samplerDescription);
    }
  }

  // Counters in fields rather than LongAdders: a session is made per test, and these rarely count.
  private static final AtomicLongFieldUpdater<SamplingLog> REJECTED =
      AtomicLongFieldUpdater.newUpdater(SamplingLog.class, "rejected");
  private static final AtomicLongFieldUpdater<SamplingLog> DROPPED =
      AtomicLongFieldUpdater.newUpdater(SamplingLog.class, "dropped");

  private final String ownerDescription;
  private final int maxDecisions;
  private final CountedStack<Entry> stack = new CountedStack<>();

  private volatile long rejected;
  private volatile long dropped;

  SamplingLog(String ownerDescription, int maxDecisions) {
    this.ownerDescription = ownerDescription;
    this.maxDecisions = maxDecisions;
  }

  /**
   * Keeps the decision unless the limit is reached; drops are counted either way. Threads racing at
   * the limit may each keep one more: the limit guards memory.
   */
  void add(
      long sequence,
      String spanName,
      SpanKind spanKind,
      String traceId,
      SpanContext parentSpanContext,
      SamplingResult result,
      String samplerDescription) {
    if (result.getDecision() == SamplingDecision.DROP) {
      DROPPED.incrementAndGet(this);
    }
    Entry entry = null;
    while (true) {
      Entry newest = stack.newest();
      if (CountedStack.countUpTo(newest) >= maxDecisions) {
        REJECTED.incrementAndGet(this);
        return;
      }
      if (entry == null) {
        entry =
            new Entry(
                sequence,
                spanName,
                spanKind,
                traceId,
                parentSpanContext,
                result,
                samplerDescription);
      }
      if (stack.tryPush(newest, entry)) {
        return;
      }
    }
  }

  /**
   * The kept decisions, in the order they were made.
   *
   * @throws SpanLimitExceededException if decisions were made past the limit
   */
  List<SamplingRecord> records() {
    List<Entry> entries = entries();
    List<SamplingRecord> records = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      records.add(entry.record());
    }
    return records;
  }

  /**
   * The kept decisions with their sequence numbers, in order.
   *
   * @throws SpanLimitExceededException if decisions were made past the limit
   */
  List<Entry> entries() {
    int notKept = CountedStack.saturated(rejected);
    if (notKept > 0) {
      throw SpanLimitExceededException.forSamplingDecisions(
          ownerDescription, maxDecisions, notKept);
    }
    List<Entry> all = stack.oldestFirst();
    // Threads take sequence numbers and then add, so the stack is in order only per thread.
    all.sort(Comparator.comparingLong(Entry::sequence));
    return all;
  }

  /** How many spans the sampler dropped, also past the limit. */
  int droppedCount() {
    return CountedStack.saturated(dropped);
  }

  void clear() {
    stack.clear();
    rejected = 0;
    dropped = 0;
  }
}
