package dev.spanproof.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The probabilistic policy, bit for bit. The expected values were computed outside this code from
 * the Collector's algorithm (probabilistic.go: FNV-1a 64 over the salt, then the trace-id bytes;
 * threshold = (2^64 − 1) × ratio rounded to a 64-bit big.Float, truncated), with Python's exact
 * fractions.
 */
class ProbabilisticTest {

  @ParameterizedTest(name = "salt \"{0}\", trace {1} → {2}")
  @CsvSource({
    "abc, ffffffffffffffffffffffffffffffff, 0a4f0d26bb2a45fb",
    "default-hash-seed, ffffffffffffffffffffffffffffffff, 17bec3739634fe2d",
    "default-hash-seed, 00000000000000000000000000000000, e19536eed1bbac3d",
    "default-hash-seed, 4bf92f3577b34da6a3ce929d0e0e4736, a54533ba2e4970b5",
    "abc, 4bf92f3577b34da6a3ce929d0e0e4736, 443e8ea12a65d7d3",
    "'', 00000000000000000000000000000001, 88201eb960ff62b2"
  })
  void hashes_the_salt_then_the_trace_id_with_fnv1a_64(String salt, String traceId, String hash) {
    long actual = ProbabilisticEvaluator.hash(salt, HexFormat.of().parseHex(traceId));

    assertThat(Texts.hex64(actual)).isEqualTo(hash);
  }

  @ParameterizedTest(name = "{0} % → {1}")
  @CsvSource({
    "5, 0cccccccccccccff",
    "10, 19999999999999ff",
    "33.3, 553f7ced91686fff",
    "50, 7fffffffffffffff",
    "0.1, 004189374bc6a7ef",
    "1, 028f5c28f5c28f5f",
    "12.5, 1fffffffffffffff",
    "99.9, ffbe76c8b4395fff",
    "100, ffffffffffffffff",
    "150, ffffffffffffffff",
    "0, 0000000000000000",
    "-5, 0000000000000000"
  })
  void threshold_is_the_64_bit_big_float_product_truncated(double percentage, String threshold) {
    assertThat(Texts.hex64(ProbabilisticEvaluator.threshold(percentage))).isEqualTo(threshold);
  }

  @Test
  void the_issue_example_is_kept_at_5_percent_with_salt_abc() {
    TailSampling sampling =
        TailSampling.builder()
            .policy(TailSamplingPolicy.probabilistic("five-percent", 5, "abc"))
            .build();

    TailSamplingDecision decision =
        sampling.decide(
            List.of(TestSpan.named("a").traceId("ffffffffffffffffffffffffffffffff").build()));

    assertThat(decision.isSampled()).isTrue();
    assertThat(decision.verdicts().get(0).toString())
        .isEqualTo(
            "[five-percent] probabilistic: hash 0a4f0d26bb2a45fb ≤ threshold 0cccccccccccccff"
                + " (5 %, hash_salt \"abc\") → sampled");
  }

  @Test
  void the_default_salt_gives_another_hash_and_drops_this_trace() {
    TailSampling sampling =
        TailSampling.builder().policy(TailSamplingPolicy.probabilistic("rest", 5)).build();

    TailSamplingDecision decision = sampling.decide(List.of(TestSpan.named("a").build()));

    assertThat(decision.isSampled()).isFalse();
    assertThat(decision.verdicts().get(0).toString())
        .isEqualTo(
            "[rest] probabilistic: hash a54533ba2e4970b5 > threshold 0cccccccccccccff (5 %)"
                + " → not sampled");
  }

  @Test
  void an_empty_salt_is_the_default_salt() {
    TailSampling empty =
        TailSampling.builder().policy(TailSamplingPolicy.probabilistic("p", 60, "")).build();
    TailSampling named =
        TailSampling.builder()
            .policy(TailSamplingPolicy.probabilistic("p", 60, "default-hash-seed"))
            .build();

    assertThat(empty.decide(List.of(TestSpan.named("a").build())).explanation())
        .isEqualTo(named.decide(List.of(TestSpan.named("a").build())).explanation());
  }
}
