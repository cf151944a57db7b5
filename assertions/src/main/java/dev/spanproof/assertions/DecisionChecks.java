package dev.spanproof.assertions;

import dev.spanproof.core.sampling.SamplingRecord;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks over a test's head-sampling decisions: by span name, parent against child, and the share
 * of sampled traces. Dropped spans have no trace to draw, so each failure lists the decisions
 * instead, marking the ones it is about.
 */
final class DecisionChecks {

  private DecisionChecks() {}

  static Optional<Failure> hasDecision(
      List<SamplingRecord> decisions, String source, String spanName, SamplingDecision expected) {
    List<SamplingRecord> named = matching(decisions, record -> record.spanName().equals(spanName));
    if (named.isEmpty()) {
      return Optional.of(
          Failure.drawn(
              SamplingMessages.shouldHaveAskedAbout(spanName, expected, source, decisions),
              null,
              expected));
    }
    List<SamplingRecord> wrong = matching(named, record -> record.decision() != expected);
    if (wrong.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.drawn(
            SamplingMessages.shouldHaveDecided(
                spanName, expected, named.size(), wrong, source, decisions),
            wrong.get(0).decision(),
            expected));
  }

  /** Spans with a local (or, if {@code remote}, a remote) parent are sampled when it is. */
  static Optional<Failure> followParents(
      List<SamplingRecord> decisions, String source, boolean remote) {
    List<SamplingRecord> children =
        matching(decisions, record -> record.hasParent() && record.hasRemoteParent() == remote);
    List<SamplingRecord> wrong =
        matching(children, record -> record.isSampled() != record.isParentSampled());
    if (!children.isEmpty() && wrong.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.drawn(
            SamplingMessages.shouldFollowParents(remote, children.size(), wrong, source, decisions),
            null,
            null));
  }

  /**
   * The share of sampled traces (decisions for spans without a parent) is within {@code
   * standardDeviations} of a binomial count with probability {@code expectedShare}.
   */
  static Optional<Failure> hasSampledTraceShare(
      List<SamplingRecord> decisions,
      String source,
      double expectedShare,
      double standardDeviations) {
    List<SamplingRecord> roots = matching(decisions, record -> !record.hasParent());
    int sampled = matching(roots, SamplingRecord::isSampled).size();
    BinomialTolerance tolerance =
        new BinomialTolerance(roots.size(), expectedShare, standardDeviations);
    if (!roots.isEmpty() && tolerance.admits(sampled)) {
      return Optional.empty();
    }
    return Optional.of(
        Failure.drawn(
            SamplingMessages.shouldHaveSampledShare(source, tolerance, sampled),
            sampled,
            tolerance.describeRange()));
  }

  private static List<SamplingRecord> matching(
      List<SamplingRecord> decisions, Predicate<SamplingRecord> condition) {
    List<SamplingRecord> found = new ArrayList<>();
    for (SamplingRecord record : decisions) {
      if (condition.test(record)) {
        found.add(record);
      }
    }
    return found;
  }
}
