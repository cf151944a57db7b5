package dev.spanproof.core;

import dev.spanproof.core.sampling.SamplingRecord;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The head-sampling decisions of one owner (a session, or the spans outside any), bounded like its
 * spans: past the limit decisions are only counted, and reading them then fails. Each decision
 * carries the harness-wide sequence number it was made with, so the harness can merge the logs of
 * all owners back into the order the sampler was asked in.
 *
 * <p>Adding is one allocation and one compare-and-set: each entry is a link of a lock-free stack
 * and carries the count of entries up to it, so the limit needs no counter of its own, and it holds
 * the sampler's arguments and answer as given, the {@link SamplingRecord} being built on read.
 */
final class SamplingLog {

  private static final VarHandle NEWEST;

  static {
    try {
      NEWEST = MethodHandles.lookup().findVarHandle(SamplingLog.class, "newest", Entry.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * A decision and its place in the harness's order. The sampler's result is kept as returned and
   * read when the record is built: samplers return immutable results (the SDK's do), so reading
   * them later gives what the SDK read.
   */
  static final class Entry {
    private final long sequence;
    private final String spanName;
    private final SpanKind spanKind;
    private final String traceId;
    private final SpanContext parentSpanContext;
    private final SamplingResult result;
    private final String samplerDescription;
    // Set before the entry is published by the compare-and-set on newest, never after.
    private Entry previous;
    private int count;

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

  private final String ownerDescription;
  private final int maxDecisions;
  // The newest kept entry, null when none; added to through NEWEST.
  private volatile Entry newest;

  private final LongAdder rejected = new LongAdder();
  private final LongAdder dropped = new LongAdder();

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
      dropped.increment();
    }
    Entry entry = null;
    while (true) {
      Entry previous = newest;
      int count = previous == null ? 0 : previous.count;
      if (count >= maxDecisions) {
        rejected.increment();
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
      entry.previous = previous;
      entry.count = count + 1;
      if (NEWEST.compareAndSet(this, previous, entry)) {
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
    int notKept = rejected.intValue();
    if (notKept > 0) {
      throw SpanLimitExceededException.forSamplingDecisions(
          ownerDescription, maxDecisions, notKept);
    }
    Entry last = newest;
    List<Entry> all = new ArrayList<>(last == null ? 0 : last.count);
    for (Entry entry = last; entry != null; entry = entry.previous) {
      all.add(entry);
    }
    // Threads take sequence numbers and then add, so the stack is in order only per thread.
    all.sort(Comparator.comparingLong(Entry::sequence));
    return all;
  }

  /** How many spans the sampler dropped, also past the limit. */
  int droppedCount() {
    return dropped.intValue();
  }

  void clear() {
    newest = null;
    rejected.reset();
    dropped.reset();
  }
}
