package dev.spanproof.assertions;

import java.util.Locale;

/**
 * How far a count of sampled traces may stray from what a sampler that keeps each trace with
 * probability {@code p} is expected to keep: the count of {@code n} independent trials is binomial,
 * with mean {@code n·p} and standard deviation {@code sqrt(n·p·(1−p))}; the tolerance is {@code k}
 * of those standard deviations either side of the mean. With {@code k = 4} a correct sampler fails
 * about once in 16,000 runs (normal approximation), and with a seeded id generator never twice.
 *
 * @param trials n, the number of traces
 * @param probability p, the share the sampler should keep
 * @param standardDeviations k
 */
record BinomialTolerance(int trials, double probability, double standardDeviations) {

  double mean() {
    return trials * probability;
  }

  double standardDeviation() {
    return Math.sqrt(trials * probability * (1 - probability));
  }

  double lowest() {
    return Math.max(0, mean() - standardDeviations * standardDeviation());
  }

  double highest() {
    return Math.min(trials, mean() + standardDeviations * standardDeviation());
  }

  boolean admits(int count) {
    return count >= lowest() && count <= highest();
  }

  /**
   * How many standard deviations {@code count} lies from the mean; infinite when there are none.
   */
  double deviationsOf(int count) {
    double distance = Math.abs(count - mean());
    return distance == 0 ? 0 : distance / standardDeviation();
  }

  /** E.g. {@code 2370.1 to 2629.9 of 10000 (0.2370 to 0.2630)}. */
  String describeRange() {
    return String.format(
        Locale.ROOT,
        "%.1f to %.1f of %d (%.4f to %.4f)",
        lowest(),
        highest(),
        trials,
        trials == 0 ? 0 : lowest() / trials,
        trials == 0 ? 0 : highest() / trials);
  }
}
