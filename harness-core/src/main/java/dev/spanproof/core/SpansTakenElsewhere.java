package dev.spanproof.core;

import java.util.Optional;

/**
 * Whether another harness's session took a harness's spans. A span belongs to the session in the
 * context it starts in, whichever harness's SDK starts it, so a harness built and used inside a
 * test that {@code TracingExtension} runs (its test's session current around the test) captures
 * nothing itself: its spans are the test's.
 */
final class SpansTakenElsewhere {

  private SpansTakenElsewhere() {}

  /**
   * Throws if {@code harness}, which holds no spans, started spans on this thread that went to the
   * session of another harness current here: the session last worked for on this thread's pool, as
   * {@code threadSessions} saw it while filing the harness's spans, is of another harness and has
   * that name. Sessions of the harness itself never count, whatever their names.
   *
   * @throws IllegalStateException saying where the spans went and what to do instead
   */
  static void check(TracingHarness harness, ThreadSessions threadSessions) {
    Optional<CaptureSession> current = CaptureSession.current();
    if (current.isEmpty() || current.get().harness() == harness || current.get().isClosed()) {
      return;
    }
    String name = current.get().name();
    String thread = Thread.currentThread().getName();
    if (threadSessions.lastInPoolWasAnotherHarnesses(thread, name)) {
      throw new IllegalStateException(message(name, thread));
    }
  }

  static String message(String session, String thread) {
    return "this TracingHarness holds no spans: the spans its OpenTelemetry started on thread ["
        + thread
        + "] went to capture session ["
        + session
        + "] of another TracingHarness, which is current there. A span belongs to the session in"
        + " the context it starts in, whichever harness starts it, and TracingExtension makes its"
        + " test's session current around each test. Either open a session of this harness and"
        + " make it current around the code it traces (try (CaptureSession session ="
        + " harness.openSession(\"...\"); Scope scope = session.makeCurrent()) { ... }) and read"
        + " its spans before closing it, or use the extension's harness (its injected"
        + " OpenTelemetry, and assertThatTrace()) instead of building another one inside the"
        + " test.";
  }
}
