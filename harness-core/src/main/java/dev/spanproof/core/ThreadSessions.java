package dev.spanproof.core;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which session each thread last worked for (made it current, or started one of its spans), so that
 * a span with no session can name the test most likely to have lost its context: the one last seen
 * on a thread of the same pool. A thread writes only when its session changes, so the span path
 * costs a thread-local read and one comparison.
 */
final class ThreadSessions {

  private final TracingHarness harness;
  private final ThreadLocal<ThreadRecord> records = ThreadLocal.withInitial(this::newRecord);
  private final Queue<ThreadRecord> allRecords = new ConcurrentLinkedQueue<>();
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param harness the harness whose threads these are: its own sessions are told apart
   */
  ThreadSessions(TracingHarness harness) {
    this.harness = harness;
  }

  /** Notes that the current thread works for {@code session} now. */
  void workingFor(CaptureSession session) {
    ThreadRecord record = records.get();
    Visit last = record.last;
    boolean anotherHarnesses = session.harness() != harness;
    // Names, not sessions, are kept: a thread must not hold on to a closed session's spans.
    if (last == null
        || !last.sessionName.equals(session.name())
        || last.anotherHarnesses != anotherHarnesses) {
      record.last =
          new Visit(
              Thread.currentThread().getName(),
              session.name(),
              anotherHarnesses,
              sequence.incrementAndGet());
    }
  }

  /**
   * Whether the session last seen on a thread of the pool of {@code threadName} is one of another
   * harness named {@code sessionName}: this harness's SDK filed spans into it.
   */
  boolean lastInPoolWasAnotherHarnesses(String threadName, String sessionName) {
    Visit latest = lastVisitInPoolOf(threadName);
    return latest != null && latest.anotherHarnesses && latest.sessionName.equals(sessionName);
  }

  /**
   * The name of the session last seen on a thread of the same pool as {@code threadName} (the same
   * name up to its trailing number, as in {@code pool-2-thread-1} and {@code pool-2-thread-3}),
   * this thread included.
   */
  Optional<String> lastSessionInPoolOf(String threadName) {
    Visit latest = lastVisitInPoolOf(threadName);
    return latest == null ? Optional.empty() : Optional.of(latest.sessionName);
  }

  private Visit lastVisitInPoolOf(String threadName) {
    String pool = poolOf(threadName);
    Visit latest = null;
    for (ThreadRecord record : allRecords) {
      Visit visit = record.last;
      if (visit != null
          && poolOf(visit.threadName).equals(pool)
          && (latest == null || visit.sequence > latest.sequence)) {
        latest = visit;
      }
    }
    return latest;
  }

  /** The thread's name without its trailing number: the name its pool gives every thread. */
  static String poolOf(String threadName) {
    int end = threadName.length();
    while (end > 0 && Character.isDigit(threadName.charAt(end - 1))) {
      end--;
    }
    return end == 0 ? threadName : threadName.substring(0, end);
  }

  private ThreadRecord newRecord() {
    ThreadRecord record = new ThreadRecord();
    allRecords.add(record);
    return record;
  }

  private static final class ThreadRecord {
    // Written by its own thread only, read by any thread looking for a pool's last session.
    volatile Visit last;
  }

  private record Visit(
      String threadName, String sessionName, boolean anotherHarnesses, long sequence) {}
}
