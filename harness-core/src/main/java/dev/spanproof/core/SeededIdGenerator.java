package dev.spanproof.core;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.Random;

/**
 * Random trace and span ids that are the same on every run with the same seed: for tests whose
 * outcome depends on the ids, such as the share of traces {@code Sampler.traceIdRatioBased(p)}
 * keeps (it decides by the trace id's lower 8 bytes), or reports pinned to ids.
 *
 * <pre>{@code
 * TracingHarness.builder()
 *     .sampler(Sampler.traceIdRatioBased(0.25))
 *     .idGenerator(SeededIdGenerator.withSeed(42))
 *     .build();
 * }</pre>
 *
 * <p>Ids are drawn in the order spans start, so the sequence is deterministic when spans start on
 * one thread. Never returns the all-zero (invalid) ids.
 */
public final class SeededIdGenerator implements IdGenerator {

  private final long seed;
  private final Random random;

  private SeededIdGenerator(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /**
   * A generator whose ids follow from {@code seed}.
   *
   * @param seed any value; print it with a failure so a run can be repeated
   * @return a new generator, starting at the seed
   */
  public static SeededIdGenerator withSeed(long seed) {
    return new SeededIdGenerator(seed);
  }

  @Override
  public String generateSpanId() {
    return hex(nonZero());
  }

  @Override
  public String generateTraceId() {
    // Only the all-zero id is invalid, so the high half may be zero when the low half is not.
    long high = random.nextLong();
    return hex(high) + hex(nonZero());
  }

  private long nonZero() {
    long value;
    do {
      value = random.nextLong();
    } while (value == 0);
    return value;
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }

  @Override
  public String toString() {
    return "SeededIdGenerator{seed=" + seed + "}";
  }
}
