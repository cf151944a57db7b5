package dev.spanproof.assertions;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as the trace renderer writes them (850 ns, 12.3 µs, 4.07 ms, 1.20 s), so that a message
 * and its tree agree. Core's formatter is package-private; this mirrors it.
 */
final class Durations {

  private Durations() {}

  static String format(Duration duration) {
    return format(duration.toNanos());
  }

  static String format(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return threeDigits(nanos / 1e3) + " µs";
    }
    if (nanos < 1_000_000_000) {
      return threeDigits(nanos / 1e6) + " ms";
    }
    return threeDigits(nanos / 1e9) + " s";
  }

  private static String threeDigits(double value) {
    String pattern = value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
