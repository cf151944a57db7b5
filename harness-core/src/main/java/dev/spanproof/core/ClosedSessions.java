package dev.spanproof.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The traces of the sessions closed last, so that a span another process exports after its test
 * ended can say which test it was late for, and by how much, instead of only that no open session
 * owns its trace. Bounded: a long run remembers only its latest sessions.
 */
final class ClosedSessions {

  /** A closed session: its name, when it closed, and the traces it held. */
  record Closed(String name, long closedAtNanos, Set<String> traceIds) {}

  private final int remembered;
  private final Deque<Closed> latestFirst = new ArrayDeque<>();

  ClosedSessions(int remembered) {
    this.remembered = remembered;
  }

  /** Remembers the session's traces as of now, forgetting the oldest session beyond the bound. */
  void closed(CaptureSession session) {
    Set<String> traceIds = new HashSet<>();
    for (CapturedSpan captured : session.bucket().captured()) {
      traceIds.add(captured.span().getSpanContext().getTraceId());
    }
    Closed closed = new Closed(session.name(), System.nanoTime(), Set.copyOf(traceIds));
    synchronized (latestFirst) {
      latestFirst.addFirst(closed);
      if (latestFirst.size() > remembered) {
        latestFirst.removeLast();
      }
    }
  }

  /** The most recently closed session that held spans of this trace, if one is remembered. */
  Optional<Closed> owning(String traceId) {
    synchronized (latestFirst) {
      for (Iterator<Closed> it = latestFirst.iterator(); it.hasNext(); ) {
        Closed closed = it.next();
        if (closed.traceIds().contains(traceId)) {
          return Optional.of(closed);
        }
      }
    }
    return Optional.empty();
  }
}
