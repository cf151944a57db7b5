package dev.spanproof.core.sampling;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} format, as the Collector reads {@code decision_wait}: "10s". */
final class YamlDuration {

  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private YamlDuration() {}

  /** Go's largest duration, a long of nanoseconds: 2562047h47m16.854775807s. */
  static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

  /**
   * The duration, or empty if {@code text} is not one ("0" is, as in Go).
   *
   * @throws IllegalArgumentException if it is longer than {@link #MAX}, which Go refuses too
   */
  static Optional<Duration> parse(String text) {
    if (text.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher matcher = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int position = 0;
    while (position < text.length() && matcher.find(position) && matcher.start() == position) {
      nanos =
          nanos.add(
              new BigDecimal(matcher.group(1))
                  .multiply(BigDecimal.valueOf(NANOS.get(matcher.group(2)))));
      position = matcher.end();
    }
    if (position == 0 || position != text.length()) {
      return Optional.empty();
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      // longValue() would keep the low 64 bits: a wrong duration, or a negative one.
      throw new IllegalArgumentException(
          "must be at most 2562047h47m16.854775807s, Go's largest duration, but is "
              + Texts.quote(text));
    }
    return Optional.of(Duration.ofNanos(nanos.longValue()));
  }
}
