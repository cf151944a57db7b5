package dev.spanproof.core;

import io.opentelemetry.sdk.trace.ReadableSpan;

/** The stack where a span started, which span it was taken for, and in whose spans. */
final class StartStack extends Throwable {

  private static final long serialVersionUID = 1L;

  private final String spanId;
  private final String takenIn;

  /**
   * @param takenFor the span starting now
   * @param takenIn the name of the session the span belongs to; null for a span of no session
   */
  StartStack(ReadableSpan takenFor, String takenIn) {
    super("span started here");
    this.spanId = takenFor.getSpanContext().getSpanId();
    this.takenIn = takenIn;
  }

  /** Whether this stack was taken as {@code span} started, not as another span of its name did. */
  boolean isOf(ReadableSpan span) {
    return spanId.equals(span.getSpanContext().getSpanId());
  }

  /** The id of the span this stack was taken for. */
  String spanId() {
    return spanId;
  }

  /** The name of the session whose span the stack was taken for; null for a span of no session. */
  String takenIn() {
    return takenIn;
  }
}
