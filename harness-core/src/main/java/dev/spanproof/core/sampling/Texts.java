package dev.spanproof.core.sampling;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** How verdicts write numbers, spans and values. */
final class Texts {

  private Texts() {}

  /** 1240 → "1,240". */
  static String grouped(long number) {
    return String.format(Locale.ROOT, "%,d", number);
  }

  /** 5.0 → "5", 0.25 → "0.25": a configured number as its author wrote it. */
  static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String span(SpanData span) {
    return "span [" + span.getName() + "]";
  }

  static String quote(String text) {
    return "\"" + text + "\"";
  }

  /** ["a", "b"]. */
  static String quoted(Collection<String> texts) {
    return texts.stream().map(Texts::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A 64-bit value as the Collector logs hashes: 16 hex digits. */
  static String hex64(long value) {
    return String.format(Locale.ROOT, "%016x", value);
  }
}
