package dev.spanproof.core.internal;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.TracingHarness;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The open {@link TracingHarness}es of this JVM, so that a span arriving without its session in the
 * context (a stubbed server continuing a request, a span through the global router) can find the
 * session of its trace. Not public API.
 */
public final class OpenHarnesses {

  /** Each open harness with its lookup of the open session that holds spans of a trace. */
  private static final Map<TracingHarness, Function<String, CaptureSession>> TRACE_OWNERS =
      new ConcurrentHashMap<>();

  /** The open harnesses in the order they were built. */
  private static final List<TracingHarness> IN_ORDER = new CopyOnWriteArrayList<>();

  private OpenHarnesses() {}

  /**
   * Registers an open harness; called by the harness itself when it is built.
   *
   * @param harness the harness
   * @param ownerOfTrace the harness's open session holding spans of a trace id, or null if none
   */
  public static void register(
      TracingHarness harness, Function<String, CaptureSession> ownerOfTrace) {
    TRACE_OWNERS.put(harness, ownerOfTrace);
    IN_ORDER.add(harness);
  }

  /**
   * Forgets a harness; called by the harness itself when it closes.
   *
   * @param harness the harness
   */
  public static void unregister(TracingHarness harness) {
    TRACE_OWNERS.remove(harness);
    IN_ORDER.remove(harness);
  }

  /**
   * The open harness built first: the one that keeps, and reports, spans that no open session of
   * any harness owns.
   *
   * @return that harness, or empty if none is open
   */
  public static Optional<TracingHarness> earliest() {
    // Iterating the copy-on-write list reads one snapshot, so no removal can race the check.
    for (TracingHarness harness : IN_ORDER) {
      if (!harness.isClosed()) {
        return Optional.of(harness);
      }
    }
    return Optional.empty();
  }

  /**
   * The open session, in any open harness, that owns the trace with this id: the one holding spans
   * of it, such as the test's client span that sent the request. This is how a span started from a
   * remote context (say, by a stubbed server thread) finds the test it belongs to.
   *
   * @param traceId 32 lowercase hex characters; null finds nothing
   * @return the owning session, or empty if no open session holds spans of the trace
   */
  public static Optional<CaptureSession> findSessionOwningTrace(String traceId) {
    if (traceId == null) {
      return Optional.empty();
    }
    for (Function<String, CaptureSession> ownerOfTrace : TRACE_OWNERS.values()) {
      CaptureSession owner = ownerOfTrace.apply(traceId);
      if (owner != null && !owner.isClosed()) {
        return Optional.of(owner);
      }
    }
    return Optional.empty();
  }
}
