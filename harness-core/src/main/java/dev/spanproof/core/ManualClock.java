package dev.spanproof.core;

import io.opentelemetry.sdk.common.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that moves only when told to, for exact span durations and timing assertions
 * (e.g. a tail-sampling rule that keeps traces slower than 500 ms). Thread-safe.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
 * TracingHarness harness = TracingHarness.builder().clock(clock).build();
 * Span span = tracer.spanBuilder("slow").startSpan();
 * clock.advance(Duration.ofMillis(750));
 * span.end(); // lasted exactly 750 ms
 * }</pre>
 */
public final class ManualClock implements Clock {

  private final AtomicLong epochNanos;

  private ManualClock(long epochNanos) {
    this.epochNanos = new AtomicLong(epochNanos);
  }

  /**
   * A clock showing {@code start}.
   *
   * @throws IllegalArgumentException if {@code start} is null
   */
  public static ManualClock startingAt(Instant start) {
    if (start == null) {
      throw new IllegalArgumentException("start must not be null");
    }
    return new ManualClock(TimeUnit.SECONDS.toNanos(start.getEpochSecond()) + start.getNano());
  }

  /**
   * Moves the clock forward.
   *
   * @throws IllegalArgumentException if {@code duration} is null or negative
   */
  public void advance(Duration duration) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("a clock only moves forward, but got " + duration);
    }
    epochNanos.addAndGet(duration.toNanos());
  }

  @Override
  public long now() {
    return epochNanos.get();
  }

  @Override
  public long nanoTime() {
    return epochNanos.get();
  }

  @Override
  public String toString() {
    return "ManualClock[" + Instant.ofEpochSecond(0, epochNanos.get()) + "]";
  }
}
