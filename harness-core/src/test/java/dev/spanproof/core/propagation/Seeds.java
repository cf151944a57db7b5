package dev.spanproof.core.propagation;

import java.util.Random;
import java.util.stream.LongStream;

/**
 * Seeds for the property-style tests: each {@code @ParameterizedTest} case builds its input from
 * {@code new Random(seed)}, names the seed in its display name and in every assertion description,
 * so a failure is replayed by running that one seed. The seeds are fixed, so every build checks the
 * same cases; set {@code -Dspanproof.seeds.base=…} to explore others.
 */
final class Seeds {

  /** As many cases per property as the jqwik properties these tests replace ran (1000 tries). */
  static final int CASES = 1000;

  private static final long BASE = Long.getLong("spanproof.seeds.base", 20_261_202L);

  private Seeds() {}

  /** {@value #CASES} seeds, the method source of every property-style test. */
  static LongStream seeds() {
    return LongStream.range(0, CASES).map(i -> BASE + i);
  }

  /** A string of {@code min} to {@code max} characters, each drawn from {@code chars}. */
  static String string(Random random, String chars, int min, int max) {
    int length = min + random.nextInt(max - min + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(chars.charAt(random.nextInt(chars.length())));
    }
    return text.toString();
  }
}
