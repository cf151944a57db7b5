package dev.spanproof.core;

import dev.spanproof.core.sampling.SamplingRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The head-sampling decisions of one owner (a session, or the spans outside any), bounded like its
 * spans: past the limit decisions are only counted, and reading them then fails. Each decision
 * carries the harness-wide sequence number it was made with, so the harness can merge the logs of
 * all owners back into the order the sampler was asked in.
 */
final class SamplingLog {

  /** A decision and its place in the harness's order. */
  record Entry(long sequence, SamplingRecord record) {}

  private final String ownerDescription;
  private final int maxDecisions;
  private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
  private final LongAdder accepted = new LongAdder();
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
  void add(long sequence, SamplingRecord record) {
    if (!record.isRecorded()) {
      dropped.increment();
    }
    if (accepted.sum() >= maxDecisions) {
      rejected.increment();
      return;
    }
    accepted.increment();
    entries.add(new Entry(sequence, record));
  }

  /**
   * The kept decisions, in the order they were made.
   *
   * @throws SpanLimitExceededException if decisions were made past the limit
   */
  List<SamplingRecord> records() {
    List<SamplingRecord> records = new ArrayList<>();
    for (Entry entry : entries()) {
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
    List<Entry> all = new ArrayList<>(entries);
    // Threads append concurrently, so the queue is in order only per thread.
    all.sort(Comparator.comparingLong(Entry::sequence));
    return all;
  }

  /** How many spans the sampler dropped, also past the limit. */
  int droppedCount() {
    return dropped.intValue();
  }

  void clear() {
    entries.clear();
    accepted.reset();
    rejected.reset();
    dropped.reset();
  }
}
