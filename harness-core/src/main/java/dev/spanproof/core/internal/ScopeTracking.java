package dev.spanproof.core.internal;

import dev.spanproof.core.CaptureSession;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Watches the scopes opened for a {@link CaptureSession}, through a wrapper of OpenTelemetry's
 * {@link ContextStorage} installed with its public {@link ContextStorage#addWrapper} hook. Not
 * public API.
 *
 * <p>OpenTelemetry resolves its storage once per JVM, on the first {@code Context.current()},
 * {@code makeCurrent()} or {@code ContextStorage.get()}, and applies the wrappers added until then;
 * a wrapper added later is ignored (opentelemetry-java, {@code ContextStorageWrappers.addWrapper}
 * and {@code LazyStorage}). {@link #install()} says which of the two happened.
 */
public final class ScopeTracking {

  /** Whether the wrapper could wrap the JVM's context storage. */
  public enum Installation {
    /** Every scope opened from now on passes through the wrapper. */
    INSTALLED,
    /**
     * Something resolved the context storage before the wrapper was added, so OpenTelemetry ignored
     * it: scopes cannot be watched in this JVM.
     */
    STORAGE_USED_FIRST
  }

  private static final Map<CaptureSession, WatchedScopes> WATCHED = new ConcurrentHashMap<>();
  private static final Queue<ThreadView> THREADS = new ConcurrentLinkedQueue<>();
  private static final ThreadLocal<ThreadView> THIS_THREAD =
      ThreadLocal.withInitial(ScopeTracking::newThreadView);

  private static boolean installAttempted;
  private static volatile boolean wrapperApplied;

  private ScopeTracking() {}

  /**
   * Adds the wrapper, once per JVM, and resolves the storage so that the answer is final.
   *
   * @return whether the wrapper wraps the storage
   */
  public static synchronized Installation install() {
    if (!installAttempted) {
      installAttempted = true;
      ContextStorage.addWrapper(ScopeTracking::wrap);
      // Resolves the storage now, applying the wrapper if it was still in time.
      ContextStorage.get();
    }
    return wrapperApplied ? Installation.INSTALLED : Installation.STORAGE_USED_FIRST;
  }

  /**
   * Starts recording the scopes opened for {@code session}: those whose context carries it, or
   * opened while it was current.
   *
   * @param session the session to watch
   * @param recordStacks whether to record the stack where each scope is opened
   * @return the session's scopes, as they are opened and closed
   */
  public static WatchedScopes watch(CaptureSession session, boolean recordStacks) {
    return watch(session, recordStacks ? OpenStacks.everyScope() : OpenStacks.none());
  }

  /**
   * Starts recording the scopes opened for {@code session}, with the stacks {@code openStacks}
   * records.
   *
   * @param session the session to watch
   * @param openStacks which scopes record where they were opened
   * @return the session's scopes, as they are opened and closed
   */
  public static WatchedScopes watch(CaptureSession session, OpenStacks openStacks) {
    WatchedScopes scopes = new WatchedScopes(session, openStacks);
    WATCHED.put(session, scopes);
    return scopes;
  }

  /**
   * The scopes of {@code session}, if it is watched.
   *
   * @param session the session
   * @return its watched scopes, or empty if it is not watched
   */
  public static Optional<WatchedScopes> watched(CaptureSession session) {
    return Optional.ofNullable(WATCHED.get(session));
  }

  /**
   * Stops recording {@code session}'s scopes.
   *
   * @param session the watched session
   */
  public static void stopWatching(CaptureSession session) {
    WATCHED.remove(session);
  }

  /** Every thread that has used the storage and still runs, with its current context as seen. */
  static Iterable<ThreadView> threads() {
    THREADS.removeIf(view -> view.thread() == null || !view.thread().isAlive());
    return THREADS;
  }

  private static ContextStorage wrap(ContextStorage storage) {
    wrapperApplied = true;
    return new WatchingStorage(storage);
  }

  private static ThreadView newThreadView() {
    ThreadView view = new ThreadView(Thread.currentThread());
    // Threads come and go with pools: forget those that ended.
    THREADS.removeIf(other -> other.thread() == null || !other.thread().isAlive());
    THREADS.add(view);
    return view;
  }

  /** What one thread has current, as the wrapper saw it; read by other threads after a test. */
  static final class ThreadView {
    private final WeakReference<Thread> thread;
    private final String threadName;
    private volatile Context current;

    private ThreadView(Thread thread) {
      this.thread = new WeakReference<>(thread);
      this.threadName = thread.getName();
    }

    Thread thread() {
      return thread.get();
    }

    String threadName() {
      return threadName;
    }

    Context current() {
      return current;
    }
  }

  private static final class WatchingStorage implements ContextStorage {
    private final ContextStorage delegate;

    WatchingStorage(ContextStorage delegate) {
      this.delegate = delegate;
    }

    @Override
    public Scope attach(Context toAttach) {
      // Only a watched session's scopes need the context they replace.
      Context before = WATCHED.isEmpty() ? null : delegate.current();
      Scope scope = delegate.attach(toAttach);
      ThreadView view = THIS_THREAD.get();
      view.current = toAttach;
      WatchedScopes watched = watchedFor(toAttach, before);
      if (watched == null) {
        return new ViewUpdatingScope(scope, this, view);
      }
      TrackedScope tracked = watched.opened(toAttach);
      WatchedScope watchedScope = new WatchedScope(scope, this, view, tracked, watched);
      tracked.scope(watchedScope);
      return watchedScope;
    }

    @Override
    public Context current() {
      return delegate.current();
    }

    @Override
    public Context root() {
      return delegate.root();
    }

    /** The scope belongs to the session it makes current, else to the session it replaces. */
    private static WatchedScopes watchedFor(Context toAttach, Context before) {
      if (WATCHED.isEmpty()) {
        return null;
      }
      // Without Optional chains: this runs for every scope while a session is watched.
      CaptureSession session = CaptureSession.fromContext(toAttach).orElse(null);
      if (session == null && before != null) {
        session = CaptureSession.fromContext(before).orElse(null);
      }
      return session == null ? null : WATCHED.get(session);
    }
  }

  /** Keeps the thread's view right when a scope nobody watches closes. */
  private static class ViewUpdatingScope implements Scope {
    private final Scope delegate;
    private final ContextStorage storage;
    private final ThreadView view;

    ViewUpdatingScope(Scope delegate, ContextStorage storage, ThreadView view) {
      this.delegate = delegate;
      this.storage = storage;
      this.view = view;
    }

    @Override
    public void close() {
      delegate.close();
      if (THIS_THREAD.get() == view) {
        view.current = storage.current();
      }
    }

    ContextStorage storage() {
      return storage;
    }
  }

  private static final class WatchedScope extends ViewUpdatingScope {
    private final TrackedScope tracked;
    private final WatchedScopes watched;
    private volatile boolean closed;

    WatchedScope(
        Scope delegate,
        ContextStorage storage,
        ThreadView view,
        TrackedScope tracked,
        WatchedScopes watched) {
      super(delegate, storage, view);
      this.tracked = tracked;
      this.watched = watched;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        watched.closing(tracked, storage().current());
      }
      super.close();
    }
  }
}
