package dev.spanproof.assertions;

import dev.spanproof.core.trace.TraceRenderer;
import java.time.Duration;

/** Durations in messages, written as the trace tree writes them so that the two agree. */
final class Durations {

  private Durations() {}

  static String format(Duration duration) {
    return TraceRenderer.formatDuration(duration);
  }

  static String format(long nanos) {
    return TraceRenderer.formatDuration(Duration.ofNanos(nanos));
  }
}
