package dev.spanproof.core.internal;

import dev.spanproof.core.CaptureSession;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The scopes opened for one watched {@link CaptureSession}, and what went wrong with them. Not
 * public API.
 */
public final class WatchedScopes {

  private final CaptureSession session;
  private final OpenStacks openStacks;
  private final String sessionName;
  private final Queue<TrackedScope> scopes = new ConcurrentLinkedQueue<>();
  // The two mistakes' queues are made on their first entry: a session is watched per test, and
  // most tests make neither mistake.
  private volatile Queue<TrackedScope> closedOnAnotherThread;
  private volatile Queue<TrackedScope> closedOutOfOrder;
  private volatile Thread openingRunnersScope;

  WatchedScopes(CaptureSession session, OpenStacks openStacks) {
    this.session = session;
    this.openStacks = openStacks;
    this.sessionName = session.name();
  }

  TrackedScope opened(Context context) {
    Thread thread = Thread.currentThread();
    boolean runners = openingRunnersScope == thread;
    TrackedScope scope = new TrackedScope(context, thread, runners);
    if (!runners) {
      openStacks.record(scope, sessionName);
    }
    scopes.add(scope);
    return scope;
  }

  /**
   * Opens, with {@code open}, the scope a test runner keeps around the test on this thread: watched
   * like any other (an out-of-order close of it is retried by {@link #restoreThisThread()}), but
   * without the stack where it was opened, which could only name the runner, that closes it itself.
   * The stack is the cost of watching a scope.
   *
   * @param open opens the scope on this thread, such as {@code session::makeCurrent}
   * @return the scope {@code open} returned
   */
  public Scope openRunnersScope(Supplier<Scope> open) {
    openingRunnersScope = Thread.currentThread();
    try {
      return open.get();
    } finally {
      openingRunnersScope = null;
    }
  }

  /** Called before the storage closes {@code scope}; {@code current} is this thread's context. */
  void closing(TrackedScope scope, Context current) {
    if (scope.isRestoring()) {
      scope.closedOn(Thread.currentThread());
      return;
    }
    Thread closer = Thread.currentThread();
    scope.closedOn(closer);
    if (closer != scope.openedOn()) {
      closedOnAnotherThreadQueue().add(scope);
    } else if (current != scope.context()) {
      // Only the innermost scope may close: OpenTelemetry's storage leaves the context as it is.
      scope.closedBefore(lastOpenedWith(current, closer));
      closedOutOfOrderQueue().add(scope);
    }
  }

  /**
   * Closes, innermost first, the scopes this thread opened for the session and left open or closed
   * out of order, so that the thread has the context it had before them; reports nothing.
   * OpenTelemetry's storage lets an out-of-order close be retried once the inner scopes are closed.
   */
  public void restoreThisThread() {
    Thread thread = Thread.currentThread();
    // Made only when there is something to restore: a clean test allocates nothing here.
    List<TrackedScope> toClose = null;
    for (TrackedScope scope : scopes) {
      // A scope closed out of order or on another thread left the context as it was: retried.
      if (scope.openedOn() == thread
          && (!scope.isClosed()
              || contains(closedOutOfOrder, scope)
              || contains(closedOnAnotherThread, scope))) {
        if (toClose == null) {
          toClose = new ArrayList<>();
        }
        toClose.add(scope);
      }
    }
    if (toClose != null) {
      Collections.reverse(toClose);
      for (TrackedScope scope : toClose) {
        scope.restoring();
        scope.scope().close();
      }
    }
  }

  /** Scopes opened and not closed (yet), in the order they were opened. */
  public List<TrackedScope> openScopes() {
    List<TrackedScope> open = List.of();
    for (TrackedScope scope : scopes) {
      if (!scope.isClosed()) {
        if (open.isEmpty()) {
          open = new ArrayList<>();
        }
        open.add(scope);
      }
    }
    return open.isEmpty() ? open : Collections.unmodifiableList(open);
  }

  /** Scopes closed on a thread other than the one that opened them. */
  public List<TrackedScope> closedOnAnotherThread() {
    return copyOf(closedOnAnotherThread);
  }

  /**
   * Scopes closed while a scope opened after them on the same thread was still open; see {@link
   * TrackedScope#closedBefore()}.
   */
  public List<TrackedScope> closedOutOfOrder() {
    return copyOf(closedOutOfOrder);
  }

  /**
   * Threads still alive whose current context carries the session, each with the scope that made it
   * current.
   */
  public List<LeftContext> contextsLeftCurrent() {
    List<LeftContext> left = List.of();
    for (ScopeTracking.ThreadView view : ScopeTracking.threads()) {
      Context current = view.current();
      if (current != null && CaptureSession.fromContext(current).orElse(null) == session) {
        if (left.isEmpty()) {
          left = new ArrayList<>();
        }
        left.add(new LeftContext(view.threadName(), lastOpenedWith(current, view.thread())));
      }
    }
    return left;
  }

  private TrackedScope lastOpenedWith(Context context, Thread thread) {
    TrackedScope last = null;
    for (TrackedScope scope : scopes) {
      if (scope.context() == context && scope.openedOn() == thread) {
        last = scope;
      }
    }
    return last;
  }

  /**
   * A thread whose current context carries the session after the test.
   *
   * @param threadName the thread's name
   * @param madeCurrent the watched scope that made that context current; null if it was made
   *     current before the session was watched
   */
  public record LeftContext(String threadName, TrackedScope madeCurrent) {}

  private synchronized Queue<TrackedScope> closedOnAnotherThreadQueue() {
    if (closedOnAnotherThread == null) {
      closedOnAnotherThread = new ConcurrentLinkedQueue<>();
    }
    return closedOnAnotherThread;
  }

  private synchronized Queue<TrackedScope> closedOutOfOrderQueue() {
    if (closedOutOfOrder == null) {
      closedOutOfOrder = new ConcurrentLinkedQueue<>();
    }
    return closedOutOfOrder;
  }

  private static boolean contains(Queue<TrackedScope> queue, TrackedScope scope) {
    return queue != null && queue.contains(scope);
  }

  private static List<TrackedScope> copyOf(Queue<TrackedScope> queue) {
    return queue == null || queue.isEmpty() ? List.of() : List.copyOf(queue);
  }
}
