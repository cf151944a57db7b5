package dev.spanproof.core.sampling;

/**
 * The token bucket of Go's {@code golang.org/x/time/rate.Limiter.AllowN}, which the Collector's
 * {@code rate_limiting} and {@code bytes_limiting} policies use, on virtual time: it starts full,
 * refills at {@code ratePerSecond} up to {@code burst}, and grants {@code n} tokens only when
 * {@code n <= burst} and that many are there; a refused request takes nothing.
 */
final class TokenBucket {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long ratePerSecond;
  private final long burst;
  private double tokens;
  private long lastNanos;
  private boolean used;

  TokenBucket(long ratePerSecond, long burst) {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
  }

  /** The tokens there would be at {@code nowNanos}, before taking any. */
  double available(long nowNanos) {
    if (!used) {
      // Go's limiter starts with a zero "last" time: the first refill fills it.
      return (double) burst;
    }
    long elapsed = Math.max(0, nowNanos - lastNanos);
    // As Go's Duration.Seconds(): whole seconds plus the nanosecond remainder.
    long wholeSeconds = elapsed / NANOS_PER_SECOND;
    double seconds = (double) wholeSeconds + (double) (elapsed % NANOS_PER_SECOND) / 1e9;
    return Math.min((double) burst, tokens + seconds * (double) ratePerSecond);
  }

  /** Takes {@code n} tokens at {@code nowNanos} if the bucket allows it. */
  boolean allow(long nowNanos, long n) {
    double left = available(nowNanos) - n;
    if (n > burst || left < 0) {
      return false;
    }
    tokens = left;
    lastNanos = nowNanos;
    used = true;
    return true;
  }

  long ratePerSecond() {
    return ratePerSecond;
  }

  long burst() {
    return burst;
  }
}
