package dev.spanproof.core.sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code and} (and {@code drop}, which is an {@code and} whose match drops), as the Collector's
 * {@code and.go} and {@code drop.go}: the sub-policies in order, stopping at the first that does
 * not sample; the later ones are not asked, which matters for rate limits among them.
 */
final class AndEvaluator extends PolicyEvaluator {

  private final List<PolicyEvaluator> subPolicies;
  private final PolicyVerdict.Decision whenAllSample;

  private AndEvaluator(
      String name, String type, List<PolicyEvaluator> subPolicies, PolicyVerdict.Decision result) {
    super(name, type);
    this.subPolicies = List.copyOf(subPolicies);
    this.whenAllSample = result;
  }

  static AndEvaluator and(String name, List<PolicyEvaluator> subPolicies) {
    return new AndEvaluator(name, "and", subPolicies, PolicyVerdict.Decision.SAMPLED);
  }

  static AndEvaluator drop(String name, List<PolicyEvaluator> subPolicies) {
    return new AndEvaluator(name, "drop", subPolicies, PolicyVerdict.Decision.DROPPED);
  }

  @Override
  PolicyVerdict evaluate(TraceUnderDecision trace) {
    List<PolicyVerdict> verdicts = new ArrayList<>();
    PolicyVerdict failed = null;
    for (PolicyEvaluator sub : subPolicies) {
      if (failed != null) {
        verdicts.add(sub.notEvaluated("[" + failed.policyName() + "] did not sample"));
        continue;
      }
      PolicyVerdict verdict = sub.evaluate(trace);
      verdicts.add(verdict);
      if (verdict.decision() != PolicyVerdict.Decision.SAMPLED) {
        failed = verdict;
      }
    }
    if (failed != null) {
      return verdict(
          PolicyVerdict.Decision.NOT_SAMPLED,
          "sub-policy [" + failed.policyName() + "] did not sample",
          verdicts);
    }
    return verdict(whenAllSample, "all " + subPolicies.size() + " sub-policies sampled", verdicts);
  }
}
