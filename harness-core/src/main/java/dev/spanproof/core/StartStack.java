package dev.spanproof.core;

import io.opentelemetry.sdk.trace.ReadableSpan;

/** The stack where a span started, and which span it was taken for. */
final class StartStack extends Throwable {

  private static final long serialVersionUID = 1L;

  private final String spanId;

  StartStack(ReadableSpan takenFor) {
    super("span started here");
    this.spanId = takenFor.getSpanContext().getSpanId();
  }

  /** Whether this stack was taken as {@code span} started, not as another span of its name did. */
  boolean isOf(ReadableSpan span) {
    return spanId.equals(span.getSpanContext().getSpanId());
  }

  /** The id of the span this stack was taken for. */
  String spanId() {
    return spanId;
  }
}
