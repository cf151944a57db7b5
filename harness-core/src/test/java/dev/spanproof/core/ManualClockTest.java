package dev.spanproof.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00.000000123Z");

  @Test
  void should_show_its_start_to_the_nanosecond_until_advanced() {
    // GIVEN
    ManualClock clock = ManualClock.startingAt(START);
    // THEN
    assertThat(clock.now()).isEqualTo(1_767_225_600_000_000_123L);
    assertThat(clock.nanoTime()).isEqualTo(clock.now());
    assertThat(clock).hasToString("ManualClock[2026-01-01T00:00:00.000000123Z]");
  }

  @Test
  void should_move_wall_time_and_nano_time_together_when_advanced() {
    // GIVEN
    ManualClock clock = ManualClock.startingAt(START);
    long before = clock.nanoTime();
    // WHEN
    clock.advance(Duration.ofMillis(750));
    clock.advance(Duration.ZERO);
    // THEN
    assertThat(clock.nanoTime() - before).isEqualTo(750_000_000L);
    assertThat(clock.now()).isEqualTo(clock.nanoTime());
  }

  @Test
  void should_refuse_to_go_back_or_to_start_nowhere() {
    ManualClock clock = ManualClock.startingAt(START);

    assertThatThrownBy(() -> clock.advance(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a clock only moves forward, but got PT-0.000000001S");
    assertThatThrownBy(() -> clock.advance(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a clock only moves forward, but got null");
    assertThatThrownBy(() -> ManualClock.startingAt(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("start must not be null");
    assertThat(clock.now()).isEqualTo(1_767_225_600_000_000_123L);
  }
}
