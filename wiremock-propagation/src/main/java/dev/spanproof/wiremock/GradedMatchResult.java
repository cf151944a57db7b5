package dev.spanproof.wiremock;

import com.github.tomakehurst.wiremock.matching.MatchResult;
import java.util.List;

/**
 * A match result graded by the share of failed conditions, carrying one diff description per failed
 * condition so that WireMock's near-miss diff shows what was expected and received.
 */
final class GradedMatchResult extends MatchResult {

  private final int failed;
  private final int total;

  GradedMatchResult(List<DiffDescription> diffs, int failed, int total) {
    super(List.of(), diffs);
    this.failed = failed;
    this.total = total;
  }

  @Override
  public boolean isExactMatch() {
    return failed == 0;
  }

  @Override
  public double getDistance() {
    return total == 0 ? 0.0 : (double) failed / total;
  }
}
