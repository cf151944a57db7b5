package dev.spanproof.assertions;

import dev.spanproof.core.CaptureSession;
import dev.spanproof.core.trace.SpanNode;
import java.util.Collection;

/**
 * Where an assert records the spans it touched, for the JUnit extension's strict assertion mode
 * (docs/strict-mode.md): the {@link CaptureSession} current on the thread that created the assert,
 * which inside a test is the test's own, also when tests run in parallel. Outside a session it
 * records nothing.
 */
final class AssertedSpans {

  private static final AssertedSpans NOWHERE = new AssertedSpans(null);

  private final CaptureSession session;

  private AssertedSpans(CaptureSession session) {
    this.session = session;
  }

  static AssertedSpans ofCurrentSession() {
    return CaptureSession.current().map(AssertedSpans::new).orElse(NOWHERE);
  }

  /** Marks {@code span} as touched; null (a failed soft navigation) marks nothing. */
  void touch(SpanNode span) {
    if (session != null && span != null) {
      session.markAsserted(span.span());
    }
  }

  void touch(Collection<SpanNode> spans) {
    // Outside a session there is nothing to mark: skip the walk over (possibly) every span.
    if (session != null) {
      spans.forEach(this::touch);
    }
  }
}
