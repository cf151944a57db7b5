package dev.spanproof.core.report;

import dev.spanproof.core.trace.Trace;
import java.util.List;
import java.util.Locale;

/** The time span every trace of a test is drawn against, so that bars of all traces compare. */
final class TimeAxis {

  private final long startEpochNanos;
  private final long lengthNanos;

  private TimeAxis(long startEpochNanos, long lengthNanos) {
    this.startEpochNanos = startEpochNanos;
    this.lengthNanos = lengthNanos;
  }

  static TimeAxis covering(List<Trace> traces) {
    long start = traces.stream().mapToLong(Trace::startEpochNanos).min().orElse(0);
    long end = traces.stream().mapToLong(Trace::endEpochNanos).max().orElse(start);
    return new TimeAxis(start, Math.max(0, end - start));
  }

  long startEpochNanos() {
    return startEpochNanos;
  }

  long lengthNanos() {
    return lengthNanos;
  }

  /** Where {@code epochNanos} lies on the axis, as a CSS percentage of its width. */
  String percentAt(long epochNanos) {
    return percent(epochNanos - startEpochNanos, lengthNanos);
  }

  /**
   * {@code part} of {@code whole} as a CSS percentage, 0 when the whole is empty, kept in 0–100.
   */
  static String percent(long part, long whole) {
    double share = whole <= 0 ? 0 : Math.min(1, Math.max(0, (double) part / whole));
    return String.format(Locale.ROOT, "%.3f%%", share * 100);
  }
}
